/**
 * Known-answer sensitivity, with damage measured as the mean per-channel SQNR (a huge channel cannot hide the loss
 * of the others): a weight channel 1000× the rest breaks that layer where weights share one scale (cv22, nnie); an
 * activation channel 1000× the rest breaks the layer reading it on every target (per-tensor activations). Either
 * way that layer ranks first, is advised, and keeping it float raises the predicted end-to-end SQNR by > 3 dB.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outlierNet, scaleChannel } from './outlier-net.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { analyzeQuantization } from '../../src/quant/analysis/analyze-quant.js';
import { onnxRuntimeRunner } from '../../src/quant/analysis/model-runner.js';
import { syntheticInputs } from '../../src/quant/calibration-data/synthetic-inputs.js';
import type { Model } from '../../src/ir/model.js';

/**
 * Weight outlier: the last layer's weight channel 0 is 1000× the rest. A per-tensor weight scale (cv22, nnie)
 * leaves the other channels a few levels or none; per-channel schemes give each channel its own scale.
 */
function weightOutlier(): Model {
  const model = outlierNet();
  scaleChannel(model, 'w3', 1000, 'output');
  return prepareModel(model);
}

/**
 * Activation outlier: h2's channel 0 is 1000× the rest and y reads it with 1/1000 of the weight (as after folding
 * a BatchNorm with a tiny variance), so the float network is balanced; y's per-tensor input scale starves the
 * other channels on every target.
 */
function activationOutlier(): Model {
  const model = outlierNet();
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
