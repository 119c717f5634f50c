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

/** KL(P‖Q) of the candidate keeping `kept` bins; `beyond` = the count past them; p, q: scratch of ≥ kept entries. */
function candidateKl(
  c: Float64Array,
  beyond: number,
  kept: number,
  levels: number,
  p: Float64Array,
  q: Float64Array,
): number {
  let pSum = 0;
  for (let k = 0; k < kept; k++) {
    p[k] = c[k]!;
    q[k] = 0;
    pSum += c[k]!;
  }
  p[kept - 1]! += beyond;
  pSum += beyond;
  let qSum = 0;
  for (let j = 0; j < levels; j++) {
    const start = Math.floor((j * kept) / levels);
    const end = Math.floor(((j + 1) * kept) / levels);
    let sum = 0;
    let nonEmpty = 0;
    for (let k = start; k < end; k++) {
      sum += c[k]!;
      if (c[k]! > 0) nonEmpty++;
    }
    if (nonEmpty === 0) continue;
    const share = sum / nonEmpty;
    for (let k = start; k < end; k++) if (c[k]! > 0) q[k] = share;
    qSum += sum;
  }
  if (pSum === 0 || qSum === 0) return Infinity;
  smoothInPlace(q.subarray(0, kept), qSum);
  let kl = 0;
  for (let k = 0; k < kept; k++) {
    const pk = p[k]! / pSum;
    if (pk === 0) continue;
    kl += pk * Math.log(pk / q[k]!);
  }
  return kl;
}

/** KL(P‖Q) of the candidate that keeps the first `kept` bins. */
export function klDivergenceForCandidate(counts: ArrayLike<number>, kept: number, levels: number): number {
  const c = Float64Array.from(counts);
  let beyond = 0;
  for (let k = kept; k < c.length; k++) beyond += c[k]!;
  return candidateKl(c, beyond, kept, levels, new Float64Array(kept), new Float64Array(kept));
}

/** The threshold chosen on a histogram of |x| (its bins' count must be ≥ levels). */
export function klThresholdFromHistogram(hist: AbsHistogram, levels: number): number {
  const c = hist.counts;
  const p = new Float64Array(c.length);
  const q = new Float64Array(c.length);
  let best = c.length;
  let bestKl = Infinity;
  let beyond = 0;
  for (let k = levels; k < c.length; k++) beyond += c[k]!;
  for (let kept = levels; kept <= c.length; kept++) {
    const kl = candidateKl(c, beyond, kept, levels, p, q);
    if (kl < bestKl) {
      bestKl = kl;
      best = kept;
    }
    if (kept < c.length) beyond -= c[kept]!;
  }
  return (best + 0.5) * hist.binWidth;
}

/** Symmetric threshold T: the range is [−T, T]. */
export function calibrateKl(values: ArrayLike<number>, options: KlOptions = TENSORRT_KL): number {
  return klThresholdFromHistogram(absHistogram(values, options.bins), options.levels);
}
