/**
 * The quantization view's work: the analysis of one target on a few seeded synthetic samples (indicative only),
 * run in the background with progress, and the stored weight of a layer for the view's histogram.
 */
import type { Model } from '../ir/model.js';
import { tensorToFloat32 } from '../ir/typed-data.js';
import { analyzeQuantization } from '../quant/analysis/analyze-quant.js';
import { onnxRuntimeRunner } from '../quant/analysis/model-runner.js';
import type { QuantReport } from '../quant/analysis/quant-report.js';
import { syntheticInputs } from '../quant/calibration-data/synthetic-inputs.js';
import { QUANTIZABLE_OPS } from '../quant/quantizable-ops.js';
import { QUANT_VIEW_EVALUATION, QUANT_VIEW_SAMPLES } from './quant-text.js';

export type QuantProgress = (done: number, total: number) => void;

/** The analysis the view shows for `target` (seeded synthetic inputs: `report.synthetic` is set). */
export async function quantViewReport(
  model: Model,
  target: string,
  path: string,
  toBytes: (m: Model) => Uint8Array,
  onProgress?: QuantProgress,
): Promise<QuantReport> {
  const samples = syntheticInputs(model, QUANT_VIEW_SAMPLES, path);
  return analyzeQuantization(model, target, samples, {
    runner: onnxRuntimeRunner(toBytes),
    synthetic: true,
    evaluationSamples: QUANT_VIEW_EVALUATION,
    onProgress,
  });
}

/** The constant float weight of the layer named `node` (null when it has none or it cannot be read). */
export function layerWeights(model: Model, node: string): Float32Array | null {
  const n = model.graph.nodes.find((x) => x.name === node);
  const op = n && QUANTIZABLE_OPS[n.op];
  const w = op ? n.inputs[op.weightInput]?.data : null;
  if (!w) return null;
  try {
    return tensorToFloat32(w);
  } catch {
    return null;
  }
}
