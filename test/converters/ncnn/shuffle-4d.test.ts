/** A channel shuffle rewritten to its 4-D form (for RK3588) still exports as ncnn's ShuffleChannel, with equal outputs. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnnx } from '../../../converters/onnx/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { readNcnn } from '../../../converters/ncnn/import.js';
import { runRewrites } from '../../../src/rewrite/engine.js';
import { sample } from '../../helpers/samples.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-shuffle-'));

test('shufflenet_v2 after channel-shuffle-to-4d → 16 ShuffleChannel layers, same outputs', async () => {
  const s = sample('shufflenet_v2-op13');
  const m = readOnnx(s.path);
  const run = runRewrites(m, new Set(['fold-shape-arithmetic', 'fold-constants', 'channel-shuffle-to-4d']));
  assert.is(run.applications.filter((a) => a.rule === 'channel-shuffle-to-4d').length, 16);
  assert.ok(
    m.graph.nodes.every((n) => n.op !== 'Transpose' || n.ints('perm')!.length === 4),
    'no 5-D transpose left',
  );
  exportNcnn(m, join(dir, 'm.param'), {});
  const param = readFileSync(join(dir, 'm.param'), 'utf8');
  assert.is(param.match(/^ShuffleChannel /gm)?.length, 16);
  assert.not.match(param, /^Permute /m);
  const back = readNcnn(join(dir, 'm.param'));
  const x = randomInput(s.inputs![0]!.shape as number[], 7);
  const a = await runOrt(new Uint8Array(readFileSync(s.path)), { input: x });
  const b = await runOrt(toOnnxBytes(back), { [back.graph.inputs[0]!.name]: x });
  const d = compare(b[back.graph.outputs[0]!.name]!.data, a.output!.data);
  assert.ok(d.maxRel <= 1e-5, `max rel ${d.maxRel}`);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
