/**
 * The entropy calibration's O(levels)-per-candidate evaluation against a direct one written here from the documented
 * pseudocode (build P and Q bin by bin, normalise, sum p·ln(p/q)): the same divergence for every candidate and the
 * same chosen threshold, on distributions of the kinds activations have (Gaussian, ReLU outputs full of zeros, uniform,
 * a far outlier, sparse histograms with empty bins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { klDivergenceForCandidate, klThresholdFromHistogram, TENSORRT_KL } from '../../src/quant/calibrate-kl.js';
import { absHistogram } from '../../src/quant/histogram.js';

const EPSILON = 1e-4;

function sameKl(a: number, b: number, rel: number): boolean {
  return a === b || Math.abs(a - b) <= rel * Math.max(1, Math.abs(a));
}

/** KL(P‖Q) for one candidate, straight from the pseudocode, with the module's documented ε smoothing of empty Q bins. */
function directKl(counts: ArrayLike<number>, kept: number, levels: number): number {
  const c = Array.from(counts);
  const p = c.slice(0, kept);
  p[kept - 1]! += c.slice(kept).reduce((a, b) => a + b, 0);
  const q = new Array<number>(kept).fill(0);
  for (let j = 0; j < levels; j++) {
    const start = Math.floor((j * kept) / levels);
    const end = Math.floor(((j + 1) * kept) / levels);
    const members = [];
    for (let k = start; k < end; k++) if (c[k]! > 0) members.push(k);
    const sum = members.reduce((a, k) => a + c[k]!, 0);
    for (const k of members) q[k] = sum / members.length;
  }
  const pSum = p.reduce((a, b) => a + b, 0);
  const qSum = q.reduce((a, b) => a + b, 0);
  if (pSum === 0 || qSum === 0) return Infinity;
  const empty = q.filter((v) => v === 0).length;
  const qs = q.map((v) => (v === 0 ? EPSILON : (v / qSum) * (1 - EPSILON * empty)));
  assert.ok(Math.abs(qs.reduce((a, b) => a + b, 0) - 1) < 1e-9 && qs.every((v) => v > 0), 'Q: a distribution');
  let kl = 0;
  for (let k = 0; k < kept; k++) if (p[k]! > 0) kl += (p[k]! / pSum) * Math.log(p[k]! / pSum / qs[k]!);
  return kl;
}

/** The documented search with the zero bin counted as bin 1. */
function directThreshold(histogram: Float64Array, binWidth: number, levels: number): number {
  const counts = Float64Array.from(histogram);
  counts[0] = counts[1]!;
  let best = counts.length;
  let bestKl = Infinity;
  for (let kept = levels; kept <= counts.length; kept++) {
    const kl = directKl(counts, kept, levels);
    if (kl < bestKl) [best, bestKl] = [kept, kl];
  }
  return (best + 0.5) * binWidth;
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function gaussian(n: number, seed: number): number[] {
  const u = lcg(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

const DISTRIBUTIONS: Record<string, () => number[]> = {
  gaussian: () => gaussian(20000, 7),
  'relu of a gaussian (half zeros)': () => gaussian(20000, 11).map((v) => Math.max(0, v)),
  uniform: () => Array.from({ length: 20000 }, lcg(3)).map((v) => 2 * v - 1),
  'far outlier': () => [...gaussian(20000, 5), 80],
  'sparse (empty bins)': () => Array.from({ length: 3000 }, (_, i) => Math.floor((i * 37) % 300) / 5),
  laplace: () =>
    Array.from({ length: 20000 }, lcg(13)).map((v) => Math.sign(v - 0.5) * -Math.log(1 - Math.abs(2 * v - 1) + 1e-12)),
};

for (const [name, make] of Object.entries(DISTRIBUTIONS)) {
  test(`KL by prefix sums = the direct computation: ${name}`, () => {
    const hist = absHistogram(make(), TENSORRT_KL.bins);
    for (const kept of [128, 129, 200, 255, 256, 511, 1000, 1537, 2047, 2048]) {
      const direct = directKl(hist.counts, kept, TENSORRT_KL.levels);
      const fast = klDivergenceForCandidate(hist.counts, kept, TENSORRT_KL.levels);
      assert.ok(sameKl(direct, fast, 1e-9), `kept ${kept}: ${fast} ≠ ${direct}`);
    }
    assert.is(
      klThresholdFromHistogram(hist, TENSORRT_KL.levels),
      directThreshold(hist.counts, hist.binWidth, TENSORRT_KL.levels),
    );
  });
}

test('KL by prefix sums on small histograms: every candidate of 16 bins and 4 levels', () => {
  const hists = [
    [9, 0, 3, 0, 0, 1, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    [0, 0, 0, 5, 5, 5, 0, 0, 1, 1, 1, 1, 0, 0, 0, 2],
    [100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  ];
  for (const counts of hists)
    for (let kept = 4; kept <= counts.length; kept++) {
      const direct = directKl(counts, kept, 4);
      const fast = klDivergenceForCandidate(counts, kept, 4);
      assert.ok(sameKl(direct, fast, 1e-12), `${counts} kept ${kept}: ${fast} ≠ ${direct}`);
    }
});

test.run();
