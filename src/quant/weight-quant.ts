/** Weight quantization under a scheme: per-channel or per-tensor parameters, and the fake-quantized weight. */
import { calibrateMinMax } from './calibrate-minmax.js';
import { linearParams, roundingOf, type LinearParams } from './linear-quant.js';
import { nnieFakeQuant, nnieZ } from './nnie-log-quant.js';
import type { QuantScheme } from './scheme.js';

/** A row-major tensor seen as [outer, channels, inner] around `axis`: element (o, c, k) is at (o·channels + c)·inner + k. */
export interface ChannelBlocks {
  outer: number;
  channels: number;
  inner: number;
}

export function channelBlocks(dims: readonly number[], axis: number): ChannelBlocks {
  const product = (from: number, to: number): number => dims.slice(from, to).reduce((a, b) => a * b, 1);
  return { outer: product(0, axis), channels: dims[axis] ?? 1, inner: product(axis + 1, dims.length) };
}

/**
 * What fakeQuantWeight reads of a scheme, as a key: schemes with equal keys give identical fake-quantized weights
 * (so targets sharing a weight grid can share them).
 */
export function weightGridKey(scheme: QuantScheme): string {
  const w = scheme.weights;
  const grid = [w.bits, w.symmetric, w.granularity, w.narrowRange, w.powerOfTwoScale ?? false, w.rounding];
  return JSON.stringify([scheme.kind, ...grid]);
}

/** Min-max parameters of each output channel (one entry for per-tensor schemes). */
export function weightParams(
  data: ArrayLike<number>,
  dims: readonly number[],
  axis: number,
  scheme: QuantScheme,
): LinearParams[] {
  const t = scheme.weights;
  if (t.granularity === 'per-tensor') return [linearParams(calibrateMinMax(data), t)];
  const { outer, channels, inner } = channelBlocks(dims, axis);
  const lo = new Float64Array(channels).fill(0);
  const hi = new Float64Array(channels).fill(0);
  for (let o = 0; o < outer; o++)
    for (let c = 0; c < channels; c++) {
      const start = (o * channels + c) * inner;
      let l = lo[c]!;
      let h = hi[c]!;
      for (let i = start; i < start + inner; i++) {
        const v = data[i] as number;
        if (v < l) l = v;
        if (v > h) h = v;
      }
      lo[c] = l;
      hi[c] = h;
    }
  return Array.from({ length: channels }, (_, c) => linearParams({ lo: lo[c]!, hi: hi[c]! }, t));
}

/** Quantize→dequantize data[start, end) into out with one channel's parameters (QuantizeLinear arithmetic). */
function fakeQuantRun(
  data: ArrayLike<number>,
  out: Float32Array,
  range: { start: number; end: number },
  p: LinearParams,
  round: (x: number) => number,
): void {
  const { scale, zeroPoint, qmin, qmax } = p;
  for (let i = range.start; i < range.end; i++) {
    const q = Math.max(qmin, Math.min(qmax, round((data[i] as number) / scale) + zeroPoint));
    out[i] = (q - zeroPoint) * scale;
  }
}

/** The weight the target computes with, in float (dequantized). */
export function fakeQuantWeight(
  data: ArrayLike<number>,
  dims: readonly number[],
  axis: number,
  scheme: QuantScheme,
): Float32Array {
  if (scheme.kind === 'nnie-log') {
    const { lo, hi } = calibrateMinMax(data);
    return nnieFakeQuant(data, nnieZ(Math.max(-lo, hi) || 1));
  }
  const out = new Float32Array(data.length);
  const params = weightParams(data, dims, axis, scheme);
  const round = roundingOf(scheme.weights);
  if (params.length === 1) {
    fakeQuantRun(data, out, { start: 0, end: data.length }, params[0]!, round);
    return out;
  }
  const { outer, channels, inner } = channelBlocks(dims, axis);
  for (let o = 0; o < outer; o++)
    for (let c = 0; c < channels; c++) {
      const start = (o * channels + c) * inner;
      fakeQuantRun(data, out, { start, end: start + inner }, params[c]!, round);
    }
  return out;
}
