/**
 * The quantization view's flags and detail on known answers, through the view's own analysis (quantViewReport,
 * onnxruntime): a weight channel 1000× the rest raises W (spread) and S (starved channels) on that layer only; an
 * input value 1000× the rest raises A (input outliers) on the layer reading it. The histogram lines count every
 * weight, and a row or detail line never exceeds its width.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import type { Model } from '../../src/ir/model.js';
import { layerWeights, quantViewReport } from '../../src/tui/quant-session.js';
import { histogramLines, layerDetailLines, layerFlags, layerRowText } from '../../src/tui/quant-text.js';
import { cellWidth } from '../../src/tui/layout.js';

const NET = `
opset 13
input x: float32[1,4,8,8]
const w1: float32[8,4,3,3] = random(1)
const w2: float32[8,8,3,3] = random(2)
const w3: float32[8,8,3,3] = random(3)
h1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1)
r1 = Relu(h1)
h2 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(r1, w2)
r2 = Relu(h2)
y = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(r2, w3)
output y: float32[1,8,8,8]
`;

/** Scale output channel 0 of a [8,8,3,3] weight by `factor` (made positive), or its reading of input channel 0. */
function scaleChannel(model: Model, name: string, factor: number, along: 'output' | 'input'): void {
  const v = model.graph.values.get(name)!;
  const data = tensorToFloat32(v.data!).slice();
  for (let i = 0; i < data.length; i++) {
    const hit = along === 'output' ? Math.floor(i / 72) === 0 : Math.floor(i / 9) % 8 === 0;
    if (hit) data[i] = along === 'output' ? Math.abs(data[i]!) * factor : data[i]! * factor;
  }
  v.data = Tensor.fromArray('float32', [8, 8, 3, 3], data);
}

const report = async (model: Model, target: string) =>
  quantViewReport(prepareModel(model), target, 'known-answer', toOnnxBytes);
const flagsOf = (r: Awaited<ReturnType<typeof report>>, output: string): string =>
  layerFlags(r.layers.find((l) => l.output === output)!);

test('a weight channel 1000x the rest: W and S on that layer only', async () => {
  const model = parseModelText(NET);
  scaleChannel(model, 'w3', 1000, 'output');
  const r = await report(model, 'cv22');
  assert.ok(r.synthetic, 'the view runs on synthetic inputs');
  assert.match(flagsOf(r, 'y'), /^WS/);
  for (const o of ['h1', 'h2']) assert.match(flagsOf(r, o), /^\.\./, `${o} has even weights`);
});

const SPIKED = `
opset 13
input x: float32[1,4,32,32]
const spike: float32[1,4,32,32] = random(4)
const w1: float32[8,4,3,3] = random(1)
s = Add(x, spike)
h1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(s, w1)
output h1: float32[1,8,32,32]
`;

test('one input value 1000x the rest (1 of 4096): A on the layer reading it', async () => {
  const model = parseModelText(SPIKED);
  const spike = new Float32Array(4 * 32 * 32);
  spike[100] = 1000;
  model.graph.values.get('spike')!.data = Tensor.fromArray('float32', [1, 4, 32, 32], spike);
  const r = await report(model, 'tensorrt');
  assert.match(flagsOf(r, 'h1'), /A/);
  const plain = await report(parseModelText(NET), 'tensorrt');
  assert.not.match(flagsOf(plain, 'h1'), /A/, 'uniform synthetic inputs have no outlier');
});

test('histogram lines count every weight; rows and detail lines fit their width', async () => {
  const model = parseModelText(NET);
  const r = await report(model, 'ncnn');
  for (const width of [40, 80, 100]) {
    r.layers.forEach((l, i) => {
      assert.is(cellWidth(layerRowText(l, i + 1, width)), width);
      const w = layerWeights(model, l.node)!;
      const lines = layerDetailLines(l, w, width, { rows: 14 });
      assert.ok(lines.length <= 14);
      for (const line of lines) assert.is(cellWidth(line), width);
    });
  }
  const w = layerWeights(model, r.layers[0]!.node)!;
  const counts = histogramLines(w, 8, 60).map((l) => Number(/(\d+) *$/.exec(l)![1]));
  assert.is(counts.length, 8);
  assert.is(
    counts.reduce((a, b) => a + b, 0),
    w.length,
  );
});

test.run();
