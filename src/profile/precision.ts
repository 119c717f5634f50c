import type { DType } from '../ir/dtype.js';
import { byteSize, isFloat } from '../ir/dtype.js';

/** The precision a target computes in, for weight and activation bytes. */
export type Precision = 'fp32' | 'fp16' | 'int8' | 'int16';
export const PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'int8', 'int16'];
const BYTES: Record<Precision, number> = { fp32: 4, fp16: 2, int8: 1, int16: 2 };

/** Bytes of `count` elements of `dtype` when the target stores floats at `precision` (integers keep their width). */
export function storedBytes(dtype: DType | null, count: number, precision: Precision | null): number {
  if (!dtype) return count * 4;
  if (precision && isFloat(dtype)) return count * BYTES[precision];
  return byteSize(dtype, count);
}
