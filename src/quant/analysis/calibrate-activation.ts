/**
 * An activation's quantization parameters under a scheme, from its calibration statistics: the scheme's default
 * algorithm (targets.json → calibration.default) for linear schemes; for NNIE's log scheme the clip is the
 * observed max |x| (the vendor's clip search is not public).
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

const RANGE_OF: Record<CalibrationAlgorithm, (stats: TensorStats, scheme: QuantScheme) => Range> = {
  minmax: (s) => ({ lo: s.lo, hi: s.hi }),
  percentile: (s, scheme) => calibratePercentile(s.values(), PERCENTILE, scheme.activations.symmetric),
  kl: (s) => {
    const t = calibrateKl(s.values());
    return { lo: Math.max(s.lo, -t), hi: Math.min(s.hi, t) };
  },
  mse: (s, scheme) => calibrateMse(s.values(), scheme.activations),
};

export function calibrateActivation(stats: TensorStats, scheme: QuantScheme): ActivationQuant {
  const observed = stats.lo <= stats.hi ? { lo: stats.lo, hi: stats.hi } : { lo: 0, hi: 0 };
  if (scheme.kind === 'nnie-log')
    return { kind: 'nnie-log', z: nnieZ(Math.max(-observed.lo, observed.hi) || 1), range: observed };
  const algorithm = RANGE_OF[scheme.calibration.default] ?? RANGE_OF.minmax;
  const range = stats.lo <= stats.hi ? algorithm(stats, scheme) : observed;
  return { kind: 'linear', params: linearParams(range, scheme.activations), range };
}
