/**
 * Known answer: a layer with one weight channel 1000× the rest. Its channel outlier ratio is ~1000, every other
 * channel is starved on a shared grid, and the per-tensor schemes (cv22, nnie) lose far more of it than the
 * per-channel ones (tensorrt, ncnn, rknn). SQNR and cosine checked on values worked out by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { quantError } from '../../src/quant/error-metrics.js';
import { weightDiagnostics } from '../../src/quant/weight-diagnostics.js';
import { quantScheme } from '../../src/quant/scheme.js';
import { seeded } from '../../src/ir/text.js';
import { fakeQuantWeight } from '../../src/quant/weight-quant.js';

test('SQNR and cosine by hand: x = [3, 4], y = [3, 3] → 20·log10(5/1), cosine 21/(5·√18)', () => {
  const e = quantError([3, 4], [3, 3]);
  assert.ok(Math.abs(e.sqnrDb - 20 * Math.log10(5)) < 1e-12);
  assert.ok(Math.abs(e.cosine - 21 / (5 * Math.sqrt(18))) < 1e-12);
  assert.is(quantError([1, 2], [1, 2]).sqnrDb, Infinity);
});

test('one channel 1000× the rest: ratio ~1000, the rest starved, per-tensor schemes lose it', () => {
  const rand = seeded(3);
  const dims = [8, 4, 3, 3];
  const w = Float32Array.from({ length: 8 * 36 }, (_, i) => (rand() * 2 - 1) * (Math.floor(i / 36) === 5 ? 1000 : 1));
  const even = Float32Array.from({ length: 8 * 36 }, () => rand() * 2 - 1);
  const d = weightDiagnostics(w, dims, 0, quantScheme('tensorrt'));
  assert.ok(d.channelOutlierRatio > 500 && d.channelOutlierRatio < 2000, `${d.channelOutlierRatio}`);
  assert.is(d.starvedChannels, 7);
  assert.is(weightDiagnostics(even, dims, 0, quantScheme('tensorrt')).starvedChannels, 0);
  // the ordinary channels (0–4, 6–7) after quantizing the whole tensor under each scheme
  const ordinary = (values: ArrayLike<number>): number[] =>
    Array.from(values).filter((_, i) => Math.floor(i / 36) !== 5);
  const sqnrOfOrdinary = (target: string): number =>
    quantError(ordinary(w), ordinary(fakeQuantWeight(w, dims, 0, quantScheme(target)))).sqnrDb;
  for (const target of ['tensorrt', 'ncnn', 'rknn']) assert.ok(sqnrOfOrdinary(target) > 35, target);
  // per-tensor 8-bit linear: a step of ~1000/127 ≫ 1 rounds the ordinary channels to 0 (SQNR ≈ 0 dB)
  assert.ok(Math.abs(sqnrOfOrdinary('cv22')) < 1, `cv22 ${sqnrOfOrdinary('cv22')}`);
  // NNIE log grid: the smallest magnitude is c·2^(−127/16) ≈ c/245 ≈ 4 > 1, so they vanish too
  assert.ok(Math.abs(sqnrOfOrdinary('nnie')) < 1, `nnie ${sqnrOfOrdinary('nnie')}`);
});

test.run();
