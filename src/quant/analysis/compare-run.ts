/**
 * One run of a (quantized) model over the evaluation samples, its outputs compared with the float run's stored
 * tensors: each comparison names the stored tensor, the run's output holding the same tensor, and the channel axis
 * for the per-channel SQNR (error-sum.ts). Errors are summed over the samples.
 */
import type { Model } from '../../ir/model.js';
import { QuantErrorSum } from './error-sum.js';
import type { ModelRunner } from './model-runner.js';
import type { Sample, Tensors } from './sample-feeds.js';

export interface Comparison {
  stored: string;
  output: string;
  axis?: number;
}

/** The error sums, one per comparison (in order); `tick` after each sample. */
export async function compareRun(
  runner: ModelRunner,
  model: Model,
  samples: readonly Sample[],
  comparisons: readonly Comparison[],
  stored: readonly Tensors[],
  tick: () => void,
): Promise<QuantErrorSum[]> {
  const sums = comparisons.map(() => new QuantErrorSum());
  const outputs = [...new Set(comparisons.map((c) => c.output))];
  await runner.run(model, samples, outputs, (tensors, i) => {
    comparisons.forEach((c, k) => {
      const reference = stored[i]?.get(c.stored);
      const t = tensors.get(c.output);
      if (reference && t) sums[k]!.add(reference.data, t.data, reference.dims, c.axis);
    });
    tick();
  });
  return sums;
}
