/** Horizon X3 Caffe models: the separate X3 Caffe op list (43 rows) decides each Caffe layer, not the ONNX table. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaffe } from '../../converters/caffe/import.js';
import { inferShapes } from '../../src/shape/infer.js';
import { checkModel } from '../../src/check/engine.js';
import type { Finding } from '../../src/check/finding.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-horizon-caffe-'));
let count = 0;
const HEAD = `input: "data" input_shape { dim: 1 dim: 3 dim: 16 dim: 16 }
layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 8 kernel_size: 3 } }`;

function x3(layers: string): Finding[] {
  const p = join(dir, `net${count++}.prototxt`);
  writeFileSync(p, `${HEAD}\n${layers}\n`);
  const m = readCaffe(p);
  inferShapes(m);
  return checkModel(m, ['horizon'])[0]!.findings;
}
const caffeIds = (f: Finding[]): string[] => f.map((x) => x.ruleId).filter((id) => id.includes('caffe-layer'));

test('Convolution + ReLU + Pooling are BPU rows of the Caffe list: no Caffe-table finding', () => {
  const f = x3(`layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
layer { name: "pool" type: "Pooling" bottom: "conv" top: "pool" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }`);
  assert.equal(caffeIds(f), []);
});

test('AbsVal is a CPU row: a warning with a CPU fallback naming the layer', () => {
  const f = x3(`layer { name: "abs" type: "AbsVal" bottom: "conv" top: "abs" }`);
  const w = f.filter((x) => x.ruleId === 'horizon/caffe-layer-cpu');
  assert.is(w.length, 1);
  assert.is(w[0]!.level, 'warning');
  assert.is(w[0]!.verdict, 'partial');
  assert.match(w[0]!.node ?? '', /abs/);
});

test('Clip and ShuffleChannel are not in the X3 Caffe list: errors, although ONNX Clip is a BPU op', () => {
  const clip = x3(`layer { name: "clip" type: "Clip" bottom: "conv" top: "clip" clip_param { min: 0 max: 6 } }`);
  const e = clip.find((x) => x.ruleId === 'horizon/caffe-layer-unlisted');
  assert.ok(e, 'Clip flagged');
  assert.is(e!.level, 'error');
  const shuffle = x3(
    `layer { name: "sh" type: "ShuffleChannel" bottom: "conv" top: "sh" shuffle_channel_param { group: 2 } }`,
  );
  assert.ok(caffeIds(shuffle).includes('horizon/caffe-layer-unlisted'));
});

test('InnerProduct is a BPU row: the Flatten it imports with gets no ONNX-table CPU warning; ONNX models keep it', () => {
  const f = x3(
    `layer { name: "fc" type: "InnerProduct" bottom: "conv" top: "fc" inner_product_param { num_output: 10 } }`,
  );
  assert.equal(
    f.filter((x) => x.ruleId.endsWith('-cpu')).map((x) => x.ruleId),
    [],
  );
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
