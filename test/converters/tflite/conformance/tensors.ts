/** Tensor specs for conformance cases: float, quantized (per-tensor and per-axis) and integer tensors. */
import type { TflTensorSpec } from '../../../helpers/tflite-builder.js';

export const f32 = (shape: number[], data?: ArrayLike<number>): TflTensorSpec => ({ type: 'FLOAT32', shape, data });
export const i32 = (shape: number[], data?: ArrayLike<number>): TflTensorSpec => ({ type: 'INT32', shape, data });
export const i64 = (shape: number[], data?: ArrayLike<number>): TflTensorSpec => ({ type: 'INT64', shape, data });
export const bool = (shape: number[], data?: ArrayLike<number>): TflTensorSpec => ({ type: 'BOOL', shape, data });

/** A quantized tensor: type INT8 / UINT8 / INT16, one scale and zero point. */
export function quant(type: string, shape: number[], scale: number, zeroPoint: number, data?: ArrayLike<number>) {
  return { type, shape, data, quant: { scale: [scale], zeroPoint: [zeroPoint] } } satisfies TflTensorSpec;
}
export const q8 = (shape: number[], scale: number, zeroPoint: number, data?: ArrayLike<number>): TflTensorSpec =>
  quant('INT8', shape, scale, zeroPoint, data);
export const u8 = (shape: number[], scale: number, zeroPoint: number, data?: ArrayLike<number>): TflTensorSpec =>
  quant('UINT8', shape, scale, zeroPoint, data);
export const q16 = (shape: number[], scale: number, data?: ArrayLike<number>): TflTensorSpec =>
  quant('INT16', shape, scale, 0, data);

/** Per-axis int8 (symmetric) constant. */
export function q8PerAxis(shape: number[], scales: number[], axis: number, data: ArrayLike<number>): TflTensorSpec {
  return { type: 'INT8', shape, data, quant: { scale: scales, zeroPoint: scales.map(() => 0), axis } };
}

/** Deterministic pseudo-random values in [lo, hi) (sine hash), n of them. */
export function values(n: number, lo = -1, hi = 1, seed = 1): number[] {
  return Array.from({ length: n }, (_, i) => {
    const s = Math.sin((i + 1) * 12.9898 * seed + 78.233) * 43758.5453;
    return lo + (hi - lo) * (s - Math.floor(s));
  });
}
/** Integers in [lo, hi). */
export const ints = (n: number, lo: number, hi: number, seed = 1): number[] =>
  values(n, lo, hi, seed).map((v) => Math.floor(v));
