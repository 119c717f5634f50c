/** `convcheck convert --to ncnn` through the real binary: files written with a summary, or refused with the blockers and nothing written. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { readNcnn } from '../../converters/ncnn/import.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-convert-'));

test('an exportable model: .param and .bin in a new folder, summary of layers, blobs, weights and rewrites', () => {
  const out = join(dir, 'out', 'model.param');
  const r = runCli(['convert', sample('mobilenet_v3_small-op13').path, '--to', 'ncnn', '-o', out]);
  assert.is(r.code, 0, r.stderr);
  const bin = join(dir, 'out', 'model.bin');
  assert.ok(existsSync(out) && existsSync(bin));
  const m = r.stdout.match(/(\d+) layers, (\d+) blobs, (\d+) weights \(fp32 storage\)/);
  assert.ok(m, r.stdout);
  const [, layers, blobs, weights] = m!.map(Number);
  const header = readFileSync(out, 'utf8').split('\n')[1]!.split(' ').map(Number);
  assert.equal([layers, blobs], header, 'the summary counts what the .param declares');
  const tagged = readNcnn(out).graph.nodes.length;
  assert.ok(tagged > 0);
  assert.ok(statSync(bin).size >= weights! * 4, 'fp32 weights are all in the .bin');
  assert.match(r.stdout, /layers: Convolution \d+/);
  assert.match(r.stdout, /rewritten: /);
});

test('a refused model: exit 1, blockers listed with rule ids, nothing written', () => {
  const out = join(dir, 'ssd', 'model.param');
  const r = runCli(['convert', sample('ssd-op13').path, '--to', 'ncnn', '-o', out]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /cannot convert to ncnn, nothing written; blockers:/);
  assert.match(r.stderr, /NonMaxSuppression.*\[ncnn\/NonMaxSuppression-unsupported\]/);
  assert.not.ok(existsSync(join(dir, 'ssd')), 'not even the folder');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
