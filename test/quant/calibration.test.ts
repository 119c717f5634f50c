/** Calibration algorithms and scale/zero-point on distributions whose answers are worked out by hand here. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { calibrateMinMax } from '../../src/quant/calibrate-minmax.js';
import { calibratePercentile } from '../../src/quant/calibrate-percentile.js';
import { calibrateKl, klDivergenceForCandidate } from '../../src/quant/calibrate-kl.js';
import { calibrateMse } from '../../src/quant/calibrate-mse.js';
import { fakeQuantLinear, linearParams, roundHalfEven } from '../../src/quant/linear-quant.js';
import { quantScheme } from '../../src/quant/scheme.js';
import { targetIds } from '../../src/check/targets.js';

const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} ≠ ${b}`);

test('min-max: the finite extremes', () => {
  assert.equal(calibrateMinMax([3, -2, NaN, 7, Infinity, 0]), { lo: -2, hi: 7 });
});

test('percentile: 99th of |x| over 1…101 is 100; asymmetric 90th over 0…100 is [10, 90]', () => {
  const values = Array.from({ length: 101 }, (_, i) => (i % 2 ? -(i + 1) : i + 1));
  assert.equal(calibratePercentile(values, 99, true), { lo: -100, hi: 100 });
  const ramp = Array.from({ length: 101 }, (_, i) => i);
  const r = calibratePercentile(ramp, 90, false);
  close(r.lo, 10);
  close(r.hi, 90);
});

test('KL: 4 bins, 2 levels, histogram [6,2,1,1] — divergences by hand, 3 bins kept, threshold 3.5 bins', () => {
  const counts = [6, 2, 1, 1];
  // kept 2: P = [6, 2+1+1]/10, Q = [6, 2]/8
  close(klDivergenceForCandidate(counts, 2, 2), 0.6 * Math.log(0.6 / 0.75) + 0.4 * Math.log(0.4 / 0.25));
  // kept 3: P = [6, 2, 2]/10, Q = [6, 1.5, 1.5]/9 (level 1 = bins 1–2, 3 spread over both)
  close(klDivergenceForCandidate(counts, 3, 2), 0.6 * Math.log(0.6 / (6 / 9)) + 2 * 0.2 * Math.log(0.2 / (1.5 / 9)));
  // kept 4: P = [6, 2, 1, 1]/10, Q = [4, 4, 1, 1]/10
  close(klDivergenceForCandidate(counts, 4, 2), 0.6 * Math.log(0.6 / 0.4) + 0.2 * Math.log(0.2 / 0.4));
  // values giving that histogram over [0, 4] (bin width 1); signs do not matter. The search counts the zero bin as
  // bin 1: [2,2,1,1]. kept 2: P = [2,4]/6, Q = [2,2]/4 → 0.057; kept 3: P = [2,2,2]/6, Q = [2,1.5,1.5]/5 → 0.0095;
  // kept 4: Q = [2,2,1,1]/6 = P → 0: all 4 bins kept, threshold 4.5 bins
  const values = [0.5, -0.5, 0.5, 0.5, -0.5, 0.5, 1.5, -1.5, 2.5, -4];
  close(calibrateKl(values, { bins: 4, levels: 2 }), 4.5);
});

test('KL on a ReLU output: the zero bin counts as bin 1, so a spike of zeros does not clip the tail', () => {
  const counts = [100, 2, 2, 2];
  // as the histogram stands, kept 3 wins: P = [100,2,4]/106, Q = [100,2,2]/104
  const kept3 = (100 / 106) * Math.log(104 / 106) + (2 / 106) * Math.log(104 / 106) + (4 / 106) * Math.log(208 / 106);
  close(klDivergenceForCandidate(counts, 3, 2), kept3);
  // kept 2: P = [100,6]/106, Q = [100,2]/102; kept 4: Q = [51,51,2,2]/106 (bins 0–1 merged)
  const kept2 = (100 / 106) * Math.log(102 / 106) + (6 / 106) * Math.log((6 * 102) / (2 * 106));
  close(klDivergenceForCandidate(counts, 2, 2), kept2);
  close(klDivergenceForCandidate(counts, 4, 2), (100 / 106) * Math.log(100 / 51) + (2 / 106) * Math.log(2 / 51));
  assert.ok(kept3 < kept2, 'the raw histogram would keep 3 of 4 bins');
  // counted as [2,2,2,2]: kept 4 has Q = P (KL 0): the whole range, 4.5 bins; 100 zeros and 2 values in each bin
  const values = [...new Array<number>(100).fill(0), 1.5, 1.5, 2.5, 2.5, 3.5, 4];
  close(calibrateKl(values, { bins: 4, levels: 2 }), 4.5);
  // with the documented 2048 bins on ReLU(Gaussian): the threshold lies in the tail, not at 128 bins (6% of max)
  let s = 7;
  const relu = Array.from({ length: 20000 }, () => {
    s = (s * 16807) % 2147483647;
    const u = s / 2147483647;
    s = (s * 16807) % 2147483647;
    return Math.max(0, Math.sqrt(-2 * Math.log(u)) * Math.cos((2 * Math.PI * s) / 2147483647));
  });
  const max = Math.max(...relu);
  const t = calibrateKl(relu);
  assert.ok(t > 2 && t < max, `threshold ${t} of max ${max}`);
});

test('KL with the documented 2048 bins / 128 levels clips a lone far outlier of a Gaussian-like bulk', () => {
  const values: number[] = [];
  let s = 1;
  for (let i = 0; i < 20000; i++) {
    s = (s * 16807) % 2147483647;
    const u = s / 2147483647;
    values.push((u - 0.5) * 2 * (i % 3 === 0 ? 0.5 : 1));
  }
  values.push(100);
  const t = calibrateKl(values);
  // the bulk lies within |x| ≤ 1 (about 20 of 2048 bins of width 100/2048); the smallest candidate keeps 128 bins
  assert.ok(t >= 1 && t <= (128.5 * 100) / 2048 + 1e-9, `threshold ${t}`);
});

test('MSE keeps the full range when it is exact and clips an outlier otherwise', () => {
  const trt = quantScheme('tensorrt').activations;
  const exact = calibrateMse([1, -1, 1, -1], trt);
  assert.equal(exact, { lo: -1, hi: 1 });
  const bulk = Array.from({ length: 2000 }, (_, i) => Math.sin(i));
  const clipped = calibrateMse([...bulk, 60], trt);
  assert.ok(clipped.hi < 60 && clipped.hi > 1, `hi ${clipped.hi}`);
});

test('round half to even, as QuantizeLinear', () => {
  assert.equal([2.5, -2.5, 3.5, 1.5, -1.5, 0.4, -0.6].map(roundHalfEven), [2, -2, 4, 2, -2, 0, -1]);
});

test('scale and zero-point: symmetric narrow, asymmetric, power of two', () => {
  const trt = quantScheme('tensorrt').weights;
  const s = linearParams({ lo: -2, hi: 1 }, trt);
  assert.equal([s.zeroPoint, s.qmin, s.qmax], [0, -127, 127]);
  close(s.scale, 2 / 127);
  const rknn = quantScheme('rknn').activations;
  const a = linearParams({ lo: -1, hi: 3 }, rknn);
  close(a.scale, 4 / 255);
  assert.is(a.zeroPoint, -64); // round(−128 + 1 / (4/255)) = round(−64.25)
  // −1 → round(−63.75) − 64 = −128; 3 → round(191.25) − 64 = 127; 0 → the zero-point, exactly 0
  const step = 4 / 255;
  assert.equal(Array.from(fakeQuantLinear([-1, 3, 0], a)), Array.from(Float32Array.from([-64 * step, 191 * step, 0])));
  const cv22 = quantScheme('cv22').activations;
  close(linearParams({ lo: 0, hi: 1 }, cv22).scale, 1 / 64); // 1/127 rounded up to a power of two
});

/** The five NPU/GPU targets whose schemes the simulation covers (the later targets have none yet). */
const SIMULATED = ['tensorrt', 'ncnn', 'rknn', 'nnie', 'cv22'];

test('every simulated target has a quantization scheme', () => {
  for (const id of SIMULATED) assert.ok(targetIds().includes(id) && quantScheme(id).weights.bits >= 8, id);
  assert.throws(() => quantScheme('nope'), /no quantization scheme/);
});

test.run();
