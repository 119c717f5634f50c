/**
 * Activation diagnostics of a layer's quantized input: how far the largest |x| stands above the bulk (max |x| over
 * the 99.9th percentile of |x|: what a min-max scale must stretch over), and the channels that are zero on every
 * calibration sample (dead channels: a per-tensor grid spends nothing on them, but they hint at a broken layer).
 */
import { percentileOfSorted } from '../calibrate-percentile.js';
import type { TensorStats } from './tensor-stats.js';

export interface ActivationDiagnostics {
  lo: number;
  hi: number;
  /** max |x| / p99.9 |x| (1 = no outliers; Infinity when the bulk is zero). */
  outlierRatio: number;
  channels: number;
  deadChannels: number;
}

export const BULK_PERCENTILE = 99.9;

export function activationDiagnostics(stats: TensorStats): ActivationDiagnostics {
  const magnitudes = stats.values().map(Math.abs).sort();
  const bulk = percentileOfSorted(magnitudes, BULK_PERCENTILE);
  const top = magnitudes.length ? magnitudes[magnitudes.length - 1]! : 0;
  const peaks = stats.channelPeak ?? new Float64Array(0);
  return {
    lo: stats.lo <= stats.hi ? stats.lo : 0,
    hi: stats.lo <= stats.hi ? stats.hi : 0,
    outlierRatio: bulk > 0 ? top / bulk : top > 0 ? Infinity : 1,
    channels: peaks.length,
    deadChannels: peaks.filter((p) => p === 0).length,
  };
}
