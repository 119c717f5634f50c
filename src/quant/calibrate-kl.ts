/**
 * Entropy (KL-divergence) calibration as TensorRT documents it (S. Migacz, "8-bit Inference with TensorRT", GTC 2017,
 * https://on-demand.gputechconf.com/gtc/2017/presentation/s7310-8-bit-inference-with-tensorrt.pdf, slides
 * "Calibration" / "Entropy Calibration - pseudocode"): a 2048-bin histogram of |x|; for every candidate i from 128 to
 * 2048 bins, P = the first i bins with the outliers beyond added to bin i−1, Q = the same i bins merged into 128 levels
 * and expanded back (each level's count spread evenly over its non-empty bins); the i with the smallest KL(P‖Q) gives
 * the threshold (i + 0.5) · bin width.
 *
 * Two details the slides leave open are taken from NVIDIA's own implementation of that calibrator, the TensorRT
 * pytorch-quantization toolkit (https://github.com/NVIDIA/TensorRT/blob/release/8.6/tools/pytorch-quantization/
 * pytorch_quantization/calib/histogram.py, `_compute_amax_entropy`):
 * - the zero bin: bin 0 counts as many values as bin 1. After a ReLU, half the values or more are exactly 0; left
 *   as it is, that one bin dominates P, any level merging it with its neighbours looks costly, and the search picks
 *   the smallest candidate (128 bins: 6% of the range), clipping the whole tail;
 * Levels are split as evenly as integers allow: level j covers bins [⌊j·i/L⌋, ⌊(j+1)·i/L⌋). Where Q is 0 and P is
 * not (the outliers folded into bin i−1 land in an empty bin), Q is smoothed: each empty bin gets ε = 1e−4 of mass,
 * the non-empty ones are scaled by 1 − ε·(empty bins) so Q still sums to 1 and stays positive (without smoothing such
 * a candidate is never finite and a lone far outlier could never be clipped; NVIDIA's toolkit leaves it infinite).
 *
 * Cost: every bin of a level holds the same Q value, so with prefix sums of the counts, of c·ln c and of the
 * non-empty bins, one candidate costs O(levels) instead of O(bins): KL = Σ p ln p − Σ_levels ln q_level · P(level),
 * plus the last bin (which carries the outliers) on its own.
 */
import { absHistogram, type AbsHistogram } from './histogram.js';

export interface KlOptions {
  bins: number;
  levels: number;
}

export const TENSORRT_KL: KlOptions = { bins: 2048, levels: 128 };

const EPSILON = 1e-4;

/** Prefix sums over the bins: count, c·ln c, and non-empty bins before bin k (k = 0…bins). */
interface PrefixSums {
  count: Float64Array;
  cLogC: Float64Array;
  nonEmpty: Float64Array;
}

function prefixSums(c: ArrayLike<number>): PrefixSums {
  const n = c.length;
  const count = new Float64Array(n + 1);
  const cLogC = new Float64Array(n + 1);
  const nonEmpty = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const v = c[k] as number;
    count[k + 1] = count[k]! + v;
    cLogC[k + 1] = cLogC[k]! + (v > 0 ? v * Math.log(v) : 0);
    nonEmpty[k + 1] = nonEmpty[k]! + (v > 0 ? 1 : 0);
  }
  return { count, cLogC, nonEmpty };
}

/** KL(P‖Q) of the candidate keeping the first `kept` bins of `c` (s: c's prefix sums). */
function candidateKl(c: ArrayLike<number>, s: PrefixSums, kept: number, levels: number): number {
  const total = s.count[c.length]!; // P's sum: the kept bins plus the outliers folded into the last
  const qSum = s.count[kept]!;
  if (total === 0 || qSum === 0) return Infinity;
  const last = kept - 1;
  const pLast = ((c[last] as number) + total - qSum) / total;
  const keep = 1 - EPSILON * (kept - s.nonEmpty[kept]!); // the share of the non-empty bins after smoothing
  // Σ p ln p over the bins before the last (p = c / total)
  const before = s.count[last]!;
  let kl = (s.cLogC[last]! - Math.log(total) * before) / total;
  let lastQ = EPSILON; // an empty last bin
  for (let j = 0; j < levels; j++) {
    const start = Math.floor((j * kept) / levels);
    const end = Math.floor(((j + 1) * kept) / levels);
    const bins = s.nonEmpty[end]! - s.nonEmpty[start]!;
    if (bins === 0) continue;
    const q = ((s.count[end]! - s.count[start]!) / bins / qSum) * keep;
    const upTo = Math.min(end, last); // the last bin is added separately
    const mass = s.count[upTo]! - s.count[Math.min(start, upTo)]!;
    if (mass > 0) kl -= (Math.log(q) * mass) / total;
    if (end === kept && (c[last] as number) > 0) lastQ = q;
  }
  if (pLast > 0) kl += pLast * Math.log(pLast / lastQ);
  return kl;
}

/** KL(P‖Q) of the candidate that keeps the first `kept` bins. */
export function klDivergenceForCandidate(counts: ArrayLike<number>, kept: number, levels: number): number {
  return candidateKl(counts, prefixSums(counts), kept, levels);
}

/** The threshold chosen on a histogram of |x| (its bins' count must be ≥ levels), bin 0 counted as bin 1. */
export function klThresholdFromHistogram(hist: AbsHistogram, levels: number): number {
  const c = Float64Array.from(hist.counts);
  if (c.length > 1) c[0] = c[1]!; // the zero bin counts as its neighbour (see above)
  const sums = prefixSums(c);
  let best = c.length;
  let bestKl = Infinity;
  for (let kept = levels; kept <= c.length; kept++) {
    const kl = candidateKl(c, sums, kept, levels);
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
