/**
 * Linear (affine) quantization as ONNX QuantizeLinear/DequantizeLinear define it
 * (https://onnx.ai/onnx/operators/onnx__QuantizeLinear.html: q = saturate(round_half_even(x / scale) + zero_point)),
 * with a scheme's range → scale and zero-point.
 */
import type { Range } from './calibrate-minmax.js';
import type { QuantTensorScheme } from './scheme.js';

export interface LinearParams {
  scale: number;
  zeroPoint: number;
  qmin: number;
  qmax: number;
}

/** Round half to even (ONNX QuantizeLinear, TensorRT). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Round half away from zero (C's round(): ncnn's float2int8). */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The rounding a tensor scheme names (targets.json `rounding`): half away from zero, otherwise half to even. */
export function roundingOf(t: QuantTensorScheme): (x: number) => number {
  return t.rounding === 'half-away-from-zero' ? roundHalfAway : roundHalfEven;
}

/** The integer range: symmetric narrow ±(2^(b−1)−1), otherwise [−2^(b−1), 2^(b−1)−1] (signed storage). */
export function integerRange(t: QuantTensorScheme): { qmin: number; qmax: number } {
  const half = 2 ** (t.bits - 1);
  return { qmin: t.symmetric && t.narrowRange ? -(half - 1) : -half, qmax: half - 1 };
}

/** Scale and zero-point of a calibrated range under a scheme (the range always includes 0). */
export function linearParams(range: Range, t: QuantTensorScheme): LinearParams {
  const { qmin, qmax } = integerRange(t);
  const lo = Math.min(range.lo, 0);
  const hi = Math.max(range.hi, 0);
  let scale: number;
  let zeroPoint = 0;
  if (t.symmetric) scale = Math.max(-lo, hi) / qmax;
  else scale = (hi - lo) / (qmax - qmin);
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  if (t.powerOfTwoScale) scale = 2 ** Math.ceil(Math.log2(scale));
  if (!t.symmetric) zeroPoint = Math.max(qmin, Math.min(qmax, roundHalfEven(qmin - lo / scale)));
  return { scale, zeroPoint, qmin, qmax };
}

export function quantizeValue(x: number, p: LinearParams): number {
  return Math.max(p.qmin, Math.min(p.qmax, roundHalfEven(x / p.scale) + p.zeroPoint));
}

/** Quantize then dequantize: the value the integer kernel sees, in float. */
export function fakeQuantLinear(values: ArrayLike<number>, p: LinearParams): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (quantizeValue(values[i] as number, p) - p.zeroPoint) * p.scale;
  return out;
}
