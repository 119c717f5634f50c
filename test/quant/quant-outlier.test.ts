/**
 * Known-answer sensitivity, with damage measured as the mean per-channel SQNR (a huge channel cannot hide the loss
 * of the others): a weight channel 1000× the rest breaks that layer where weights share one scale (cv22, nnie); an
 * activation channel 1000× the rest breaks the layer reading it on every target (per-tensor activations). Either
 * way that layer ranks first, is advised, and keeping it float raises the predicted end-to-end SQNR by > 3 dB.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { analyzeQuantization } from '../../src/quant/analysis/analyze-quant.js';
import { onnxRuntimeRunner } from '../../src/quant/analysis/model-runner.js';
import { syntheticInputs } from '../../src/quant/calibration-data/synthetic-inputs.js';
import type { Model } from '../../src/ir/model.js';

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

/** Scale output channel 0 of a [8,8,3,3] weight by `factor`, or (along input channel 0) its reading of channel 0. */
function scaleChannel(model: Model, name: string, factor: number, along: 'output' | 'input'): void {
  const v = model.graph.values.get(name)!;
  const data = tensorToFloat32(v.data!).slice();
  for (let i = 0; i < data.length; i++) {
    const hit = along === 'output' ? Math.floor(i / 72) === 0 : Math.floor(i / 9) % 8 === 0;
    if (hit) data[i] = along === 'output' ? Math.abs(data[i]!) * factor : data[i]! * factor;
  }
  v.data = Tensor.fromArray('float32', [8, 8, 3, 3], data);
}

/**
 * Weight outlier: the last layer's weight channel 0 is 1000× the rest. A per-tensor weight scale (cv22, nnie)
 * leaves the other channels a few levels or none; per-channel schemes give each channel its own scale.
 */
function weightOutlier(): Model {
  const model = parseModelText(NET);
  scaleChannel(model, 'w3', 1000, 'output');
  return prepareModel(model);
}

/**
 * Activation outlier: h2's channel 0 is 1000× the rest and y reads it with 1/1000 of the weight (as after folding
 * a BatchNorm with a tiny variance), so the float network is balanced; y's per-tensor input scale starves the
 * other channels on every target.
 */
function activationOutlier(): Model {
  const model = parseModelText(NET);
  scaleChannel(model, 'w2', 1000, 'output');
  scaleChannel(model, 'w3', 1 / 1000, 'input');
  return prepareModel(model);
}

const CASES: [string, () => Model, string[]][] = [
  ['weight outlier', weightOutlier, ['cv22', 'nnie']],
  ['activation outlier', activationOutlier, ['tensorrt', 'rknn', 'nnie', 'cv22', 'ncnn']],
];

for (const [what, build, targets] of CASES)
  for (const target of targets)
    test(`${target}, ${what}: the layer it breaks (y) ranks first; keeping it float improves the prediction`, async () => {
      const model = build();
      const report = await analyzeQuantization(model, target, syntheticInputs(model, 4, 'outlier'), {
        runner: onnxRuntimeRunner(toOnnxBytes),
      });
      const ranking = report.layers.map((l) => `${l.output} ${l.isolated.channelSqnrDb.toFixed(1)} dB`).join('; ');
      assert.is(report.layers[0]!.output, 'y', ranking);
      assert.ok(
        report.advice.keep.some((k) => k.output === 'y'),
        'advised',
      );
      const before = report.endToEnd[0]!.error.channelSqnrDb;
      const after = report.advice.predicted[0]!.error.channelSqnrDb;
      if (process.env.QUANT_REPORT)
        console.log(target, what, ranking, '|', before.toFixed(1), '→', after.toFixed(1), 'dB');
      assert.ok(after > before + 3, `predicted ${after} dB vs ${before} dB`);
    });

test('per-tensor weights: the diagnostics see the 1000× channel and the 7 starved ones', async () => {
  const model = weightOutlier();
  const report = await analyzeQuantization(model, 'cv22', syntheticInputs(model, 2, 'outlier'), {
    runner: onnxRuntimeRunner(toOnnxBytes),
  });
  const y = report.layers.find((l) => l.output === 'y')!;
  assert.ok(y.weights.channelOutlierRatio > 500, String(y.weights.channelOutlierRatio));
  assert.is(y.weights.starvedChannels, 7);
});

test.run();
