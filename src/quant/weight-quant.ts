/** Weight quantization under a scheme: per-channel or per-tensor parameters, and the fake-quantized weight. */
import { calibrateMinMax } from './calibrate-minmax.js';
import { linearParams, quantizeValue, type LinearParams } from './linear-quant.js';
import { nnieFakeQuantValue, nnieZ } from './nnie-log-quant.js';
import type { QuantScheme } from './scheme.js';

/** Element indices of each channel along `axis` of a row-major tensor. */
function channelOf(dims: readonly number[], axis: number): (index: number) => number {
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const size = dims[axis] ?? 1;
  return (index) => Math.floor(index / inner) % size;
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
  const channels = dims[axis] ?? 1;
  const channel = channelOf(dims, axis);
  const lo = new Float64Array(channels).fill(0);
  const hi = new Float64Array(channels).fill(0);
  for (let i = 0; i < data.length; i++) {
    const c = channel(i);
    const v = data[i] as number;
    if (v < lo[c]!) lo[c] = v;
    if (v > hi[c]!) hi[c] = v;
  }
  return Array.from({ length: channels }, (_, c) => linearParams({ lo: lo[c]!, hi: hi[c]! }, t));
}

/** The weight the target computes with, in float (dequantized). */
export function fakeQuantWeight(
  data: ArrayLike<number>,
  dims: readonly number[],
  axis: number,
  scheme: QuantScheme,
): Float32Array {
  const out = new Float32Array(data.length);
  if (scheme.kind === 'nnie-log') {
    const { lo, hi } = calibrateMinMax(data);
    const z = nnieZ(Math.max(-lo, hi) || 1);
    for (let i = 0; i < data.length; i++) out[i] = nnieFakeQuantValue(data[i] as number, z);
    return out;
  }
  const params = weightParams(data, dims, axis, scheme);
  const channel = params.length === 1 ? (): number => 0 : channelOf(dims, axis);
  for (let i = 0; i < data.length; i++) {
    const p = params[channel(i)]!;
    out[i] = (quantizeValue(data[i] as number, p) - p.zeroPoint) * p.scale;
  }
  return out;
}
