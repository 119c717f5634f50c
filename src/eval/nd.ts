import { Tensor } from '../ir/tensor.js';
import { tensorToNumbers, numbersToBytes } from '../ir/typed-data.js';
import type { DType } from '../ir/dtype.js';

/** A small dense array of numbers with a dtype: what the evaluator computes on (shapes, axes, folding). */
export interface Nd {
  dtype: DType;
  dims: number[];
  data: number[];
}

/**
 * Constants larger than this (16 M elements) are not evaluated. Folding a transposed or reshaped weight of a
 * large Linear layer (ViT-B's 768×2304 in-projection, ConvNeXt-T's 768×3072) must fit; growth is capped by the rule.
 */
export const EVAL_MAX_ELEMENTS = 1 << 24;

export function ndFromTensor(t: Tensor): Nd | null {
  if (t.dtype === 'string' || t.count > EVAL_MAX_ELEMENTS) return null;
  try {
    return { dtype: t.dtype, dims: [...t.dims], data: tensorToNumbers(t) };
  } catch {
    return null;
  }
}
export function ndToTensor(a: Nd): Tensor {
  return Tensor.fromBytes(a.dtype, a.dims, numbersToBytes(a.dtype, a.data));
}
export function size(dims: number[]): number {
  return dims.reduce((x, y) => x * y, 1);
}
export function strides(dims: number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1]! * dims[i + 1]!;
  return s;
}
export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** numpy broadcasting of two shapes (null when incompatible). */
export function broadcastDims(a: number[], b: number[]): number[] | null {
  const r = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1,
      y = b[b.length - r + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** Read element `flat` of the broadcast result from an operand of shape `dims`. */
export function broadcastIndex(flat: number, outDims: number[], dims: number[]): number {
  const r = outDims.length,
    off = r - dims.length;
  let idx = 0,
    mul = 1;
  for (let i = r - 1; i >= 0; i--) {
    const coord = flat % outDims[i]!;
    flat = Math.floor(flat / outDims[i]!);
    if (i >= off) {
      const d = dims[i - off]!;
      if (d !== 1) idx += coord * mul;
      mul *= d;
    }
  }
  return idx;
}

export function isIntType(d: DType): boolean {
  return /^u?int/.test(d) || d === 'bool';
}
