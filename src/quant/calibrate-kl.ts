/**
 * Entropy (KL-divergence) calibration as TensorRT documents it (S. Migacz, "8-bit Inference with TensorRT", GTC 2017,
 * https://on-demand.gputechconf.com/gtc/2017/presentation/s7310-8-bit-inference-with-tensorrt.pdf, slides
 * "Calibration" / "Entropy Calibration - pseudocode"): a 2048-bin histogram of |x|; for every candidate i from 128 to
 * 2048 bins, P = the first i bins with the outliers beyond added to bin i−1, Q = the same i bins merged into 128 levels
 * and expanded back (each level's count spread evenly over its non-empty bins); the i with the smallest KL(P‖Q) gives
 * the threshold (i + 0.5) · bin width.
 *
 * Levels are split as evenly as integers allow: level j covers bins [⌊j·i/L⌋, ⌊(j+1)·i/L⌋). Where Q is 0 and P is
 * not (the outliers folded into bin i−1 land in an empty bin), Q is smoothed: each empty bin gets ε = 1e−4 of mass,
 * taken evenly from the non-empty ones (the usual remedy; without it such a candidate is never finite).
 */
import { absHistogram, type AbsHistogram } from './histogram.js';

export interface KlOptions {
  bins: number;
  levels: number;
}

export const TENSORRT_KL: KlOptions = { bins: 2048, levels: 128 };

const EPSILON = 1e-4;

/** Normalise to sum 1, then give every empty bin ε taken evenly from the non-empty ones. */
function smoothInPlace(q: Float64Array, sum: number): void {
  let empty = 0;
  for (let k = 0; k < q.length; k++) if (q[k] === 0) empty++;
  const take = empty > 0 ? (EPSILON * empty) / (q.length - empty) : 0;
  for (let k = 0; k < q.length; k++) q[k] = q[k] === 0 ? EPSILON : q[k]! / sum - take;
}

/** KL(P‖Q) of the candidate that keeps the first `kept` bins. */
export function klDivergenceForCandidate(counts: ArrayLike<number>, kept: number, levels: number): number {
  const p = Float64Array.from({ length: kept }, (_, k) => counts[k] as number);
  for (let k = kept; k < counts.length; k++) p[kept - 1]! += counts[k] as number;
  const q = new Float64Array(kept);
  for (let j = 0; j < levels; j++) {
    const start = Math.floor((j * kept) / levels);
    const end = Math.floor(((j + 1) * kept) / levels);
    let sum = 0;
    let nonEmpty = 0;
    for (let k = start; k < end; k++) {
      sum += counts[k] as number;
      if ((counts[k] as number) > 0) nonEmpty++;
    }
    for (let k = start; k < end; k++) if ((counts[k] as number) > 0) q[k] = sum / nonEmpty;
  }
  const pSum = p.reduce((s, v) => s + v, 0);
  const qSum = q.reduce((s, v) => s + v, 0);
  if (pSum === 0 || qSum === 0) return Infinity;
  smoothInPlace(q, qSum);
  let kl = 0;
  for (let k = 0; k < kept; k++) {
    const pk = p[k]! / pSum;
    if (pk === 0) continue;
    const qk = q[k]!;
    kl += pk * Math.log(pk / qk);
  }
  return kl;
}

/** The threshold chosen on a histogram of |x| (its bins' count must be ≥ levels). */
export function klThresholdFromHistogram(hist: AbsHistogram, levels: number): number {
  let best = hist.counts.length;
  let bestKl = Infinity;
  for (let kept = levels; kept <= hist.counts.length; kept++) {
    const kl = klDivergenceForCandidate(hist.counts, kept, levels);
    if (kl < bestKl) {
      bestKl = kl;
      best = kept;
    }
  }
  return (best + 0.5) * hist.binWidth;
}

/** Symmetric threshold T: the range is [−T, T]. */
export function calibrateKl(values: ArrayLike<number>, options: KlOptions = TENSORRT_KL): number {
  return klThresholdFromHistogram(absHistogram(values, options.bins), options.levels);
}
