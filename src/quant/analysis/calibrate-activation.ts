/**
 * An activation's quantization parameters under a scheme, from its calibration statistics: the scheme's default
 * algorithm (targets.json → calibration.default) for linear schemes; for NNIE's log scheme the clip is the
 * observed max |x| (the vendor's clip search is not public).
 *
 * A calibrated range depends on the statistics and only on the parts of the scheme its algorithm reads (KL: none;
 * percentile: symmetry; MSE: the whole grid), so targets that share them share one computation through `cache`.
 */
import { calibrateKl } from '../calibrate-kl.js';
import { calibrateMse } from '../calibrate-mse.js';
import { calibratePercentile } from '../calibrate-percentile.js';
import type { Range } from '../calibrate-minmax.js';
import { linearParams, type LinearParams } from '../linear-quant.js';
import { nnieZ } from '../nnie-log-quant.js';
import type { CalibrationAlgorithm, QuantScheme } from '../scheme.js';
import type { TensorStats } from './tensor-stats.js';

export type ActivationQuant =
  { kind: 'linear'; params: LinearParams; range: Range } | { kind: 'nnie-log'; z: number; range: Range };

/** The percentile kept by percentile calibration (onnxruntime's default, 99.999, is beyond a 64k subsample). */
export const PERCENTILE = 99.99;

interface RangeAlgorithm {
  range(stats: TensorStats, scheme: QuantScheme): Range;
  /** The parts of the scheme the range depends on. */
  dependsOn(scheme: QuantScheme): unknown[];
}

const ALGORITHMS: Record<CalibrationAlgorithm, RangeAlgorithm> = {
  minmax: { range: (s) => ({ lo: s.lo, hi: s.hi }), dependsOn: () => [] },
  percentile: {
    range: (s, scheme) => calibratePercentile(s.values(), PERCENTILE, scheme.activations.symmetric),
    dependsOn: (scheme) => [scheme.activations.symmetric],
  },
  kl: {
    range: (s) => {
      const t = calibrateKl(s.values());
      return { lo: Math.max(s.lo, -t), hi: Math.min(s.hi, t) };
    },
    dependsOn: () => [],
  },
  mse: {
    range: (s, scheme) => calibrateMse(s.values(), scheme.activations),
    dependsOn: (scheme) => [scheme.activations],
  },
};

/** Calibrated ranges by tensor and by what their algorithm depends on; one per analysis of one float run. */
export type RangeCache = Map<string, Range>;

function calibratedRange(name: string, stats: TensorStats, scheme: QuantScheme, cache?: RangeCache): Range {
  const id = scheme.calibration.default;
  const algorithm = ALGORITHMS[id] ?? ALGORITHMS.minmax;
  const key = JSON.stringify([name, id, ...algorithm.dependsOn(scheme)]);
  let range = cache?.get(key);
  if (!range) {
    range = algorithm.range(stats, scheme);
    cache?.set(key, range);
  }
  return range;
}

/** `name` identifies the tensor in `cache` (ranges of other tensors or schemes are never returned). */
export function calibrateActivation(
  stats: TensorStats,
  scheme: QuantScheme,
  cached?: { name: string; cache: RangeCache },
): ActivationQuant {
  const observed = stats.lo <= stats.hi ? { lo: stats.lo, hi: stats.hi } : { lo: 0, hi: 0 };
  if (scheme.kind === 'nnie-log')
    return { kind: 'nnie-log', z: nnieZ(Math.max(-observed.lo, observed.hi) || 1), range: observed };
  const range = stats.lo <= stats.hi ? calibratedRange(cached?.name ?? '', stats, scheme, cached?.cache) : observed;
  return { kind: 'linear', params: linearParams(range, scheme.activations), range };
}
