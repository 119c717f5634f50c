/**
 * The quantization view's flags and detail on known answers, through the view's own analysis (quantViewReport,
 * onnxruntime): a weight channel 1000× the rest raises W (spread) and S (starved channels) on that layer only; an
 * input value 1000× the rest raises A (input outliers) on the layer reading it. The histogram lines count every
 * weight, and a row or detail line never exceeds its width.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outlierNet, scaleChannel } from '../quant/outlier-net.js';
import { parseModelText } from '../../src/ir/text.js';
import { Tensor } from '../../src/ir/tensor.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import type { Model } from '../../src/ir/model.js';
import { layerWeights, quantViewReport } from '../../src/tui/quant-session.js';
import { histogramLines, layerDetailLines, layerFlags, layerRowText } from '../../src/tui/quant-text.js';
import { cellWidth } from '../../src/tui/layout.js';

const report = async (model: Model, target: string) =>
  quantViewReport(prepareModel(model), target, 'known-answer', toOnnxBytes);
const flagsOf = (r: Awaited<ReturnType<typeof report>>, output: string): string =>
  layerFlags(r.layers.find((l) => l.output === output)!);

test('a weight channel 1000x the rest: W and S on that layer only', async () => {
  const model = outlierNet();
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
  const plain = await report(outlierNet(), 'tensorrt');
  assert.not.match(flagsOf(plain, 'h1'), /A/, 'uniform synthetic inputs have no outlier');
});

test('histogram lines count every weight; rows and detail lines fit their width', async () => {
  const model = outlierNet();
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
