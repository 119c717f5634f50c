/**
 * Percentile calibration (TensorRT's legacy calibrator, onnxruntime's Percentile method): the range that keeps the
 * given percentile of the values; the tails beyond it are clipped.
 */
import type { Range } from './calibrate-minmax.js';

/** The p-th percentile (0–100) of sorted values, by linear interpolation between closest ranks (numpy's default). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const pos = (p / 100) * (sorted.length - 1);
  const below = Math.floor(pos);
  const above = Math.min(below + 1, sorted.length - 1);
  const a = sorted[below] as number;
  const b = sorted[above] as number;
  return a + (b - a) * (pos - below);
}

function sortedFinite(values: ArrayLike<number>, map: (v: number) => number): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(map(v));
  }
  return Float64Array.from(out).sort();
}

/** Symmetric: ±(the p-th percentile of |x|). Asymmetric: [the (100−p)-th, the p-th] percentile of x. */
export function calibratePercentile(values: ArrayLike<number>, p: number, symmetric: boolean): Range {
  if (symmetric) {
    const t = percentileOfSorted(sortedFinite(values, Math.abs), p);
    return { lo: -t, hi: t };
  }
  const sorted = sortedFinite(values, (v) => v);
  return { lo: percentileOfSorted(sorted, 100 - p), hi: percentileOfSorted(sorted, p) };
}
