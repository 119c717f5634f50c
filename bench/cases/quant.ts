/**
 * `convcheck quant` cost: the analysis for the five targets with 32 calibration samples, against 32 float inferences
 * of the same model in onnxruntime-node (session creation included), both measured in this process in this run.
 * Goal: at most 10× the float inferences. Models: resnet18 of samples/, and ResNet-50 (102 MB, built with python3
 * onnx) when the machine has it.
 */
import * as ort from 'onnxruntime-node';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../converters/index.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { analyzeQuantizationTargets } from '../../src/quant/analysis/analyze-quant.js';
import { onnxRuntimeRunner } from '../../src/quant/analysis/model-runner.js';
import { syntheticInputs } from '../../src/quant/calibration-data/synthetic-inputs.js';
import { generatedModel } from '../generated-models.js';
import { havePythonOnnx } from '../process-stats.js';

const SAMPLES = 32;
const TARGETS = ['tensorrt', 'rknn', 'nnie', 'cv22', 'ncnn'];
const GOAL = 10;
const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');

async function floatInferences(path: string, samples: ReturnType<typeof syntheticInputs>): Promise<number> {
  const start = performance.now();
  const session = await ort.InferenceSession.create(path, { logSeverityLevel: 3 });
  for (const s of samples)
    await session.run(
      Object.fromEntries(Object.entries(s).map(([k, f]) => [k, new ort.Tensor(f.type, f.data, f.dims)])),
    );
  await session.release();
  return (performance.now() - start) / 1000;
}

async function measure(name: string, path: string): Promise<void> {
  const model = prepareModel(loadModel(path));
  const samples = syntheticInputs(model, SAMPLES, path);
  const floatSeconds = await floatInferences(path, samples);
  const start = performance.now();
  await analyzeQuantizationTargets(model, TARGETS, samples, {
    runner: onnxRuntimeRunner(toOnnxBytes),
    synthetic: true,
  });
  const seconds = (performance.now() - start) / 1000;
  const ratio = seconds / floatSeconds;
  console.log(
    JSON.stringify({
      name: `quant ${name}, ${TARGETS.length} targets, ${SAMPLES} samples`,
      seconds,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      floatInferencesSeconds: floatSeconds.toFixed(3),
      ratio: ratio.toFixed(1),
      meets: ratio <= GOAL ? 'yes' : `no (goal ≤ ${GOAL}× ${SAMPLES} float inferences)`,
    }),
  );
}

await measure('resnet18', join(ROOT, 'samples', 'onnx', 'resnet18.onnx'));
if (havePythonOnnx()) await measure('resnet50', generatedModel('resnet50'));
else console.log('quant resnet50 skipped: python3 with onnx is absent (apt-get install python3-onnx)');
