/**
 * MSE calibration (rknn-toolkit2's `mmse`, onnxruntime-style search): among clip ranges shrinking from the min-max
 * range, the one whose quantize→dequantize round trip has the smallest mean squared error.
 */
import { calibrateMinMax, type Range } from './calibrate-minmax.js';
import { linearParams, quantizeValue } from './linear-quant.js';
import type { QuantTensorScheme } from './scheme.js';

/** Candidates: the min-max range scaled by k/steps for k = steps … 1. */
export function calibrateMse(values: ArrayLike<number>, t: QuantTensorScheme, steps = 100): Range {
  const full = calibrateMinMax(values);
  let best = full;
  let bestErr = Infinity;
  for (let k = steps; k >= 1; k--) {
    const range = { lo: (full.lo * k) / steps, hi: (full.hi * k) / steps };
    const p = linearParams(range, t);
    let err = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const d = (quantizeValue(v, p) - p.zeroPoint) * p.scale - v;
      err += d * d;
    }
    if (err < bestErr) {
      bestErr = err;
      best = range;
    }
  }
  return best;
}
