/** `convcheck fix --verify` end to end: rewrites applied, re-checked, written, verified in onnxruntime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { readOnnx } from '../../converters/onnx/import.js';
import { checkOnnxFiles, haveOnnxChecker } from '../helpers/onnx-checker.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-fix-'));

test('shape glue folds away, the model stays equal, remaining real blockers keep exit 1', () => {
  const out = join(dir, 'yolo.onnx');
  const r = runCli(['fix', sample('yolo-op13').path, '--target', 'ncnn', '-o', out, '--verify']);
  assert.is(r.code, 1, 'strided Focus slices remain');
  assert.match(r.stdout, /240 → 59 nodes/);
  assert.match(r.stdout, /applied fold-constants \(exact\)/);
  assert.match(r.stdout, /verify \(onnxruntime[^)]*\): EQUAL/);
  assert.match(r.stdout, /ncnn\/Slice-steps/);
  assert.equal(readOnnx(out).graph.nodes.filter((n) => n.op === 'Shape').length, 0, 'no Shape left');
  if (haveOnnxChecker()) assert.equal([...checkOnnxFiles([out]).values()], [null]);
});

test('a model that becomes ready exits 0; --fix on the check command delegates; the input is never overwritten', () => {
  const out = join(dir, 'mbv3.onnx');
  const r = runCli([sample('mobilenet_v3_small-op17').path, '--target', 'ncnn', '--fix', '-o', out, '--verify']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /after: ready/);
  assert.ok(existsSync(out));
  const same = runCli(['fix', sample('resnet18').path, '--target', 'ncnn', '-o', sample('resnet18').path]);
  assert.is(same.code, 2);
  assert.match(same.stderr, /refusing to overwrite an input file/);
  assert.is(runCli(['fix', sample('resnet18').path, '--target', 'ncnn,rknn', '-o', join(dir, 'x.onnx')]).code, 2, 'one target at a time');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
