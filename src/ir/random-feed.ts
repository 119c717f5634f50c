/**
 * A seeded random tensor for one graph input, as the commands that run a model without user data feed it: float32
 * values from the caller's distribution, int32/int64 inputs small ids 0…3 (token and index inputs stay in range).
 */
import type { DType } from './dtype.js';

/** One input tensor: float32 data, or integer ids for token inputs. */
export interface Feed {
  type: 'float32' | 'int32' | 'int64';
  dims: number[];
  data: Float32Array | Int32Array | BigInt64Array;
}

/** The feed of an input of `dtype` (null: float32) with `dims`; null when the dtype is none of those three. */
export function randomFeed(
  dtype: DType | null,
  dims: number[],
  rand: () => number,
  floatValue: (rand: () => number) => number,
): Feed | null {
  const n = dims.reduce((a, b) => a * b, 1);
  const smallId = (): number => Math.floor(rand() * 4);
  if (dtype === 'float32' || dtype === null)
    return { type: 'float32', dims, data: Float32Array.from({ length: n }, () => floatValue(rand)) };
  if (dtype === 'int64')
    return { type: 'int64', dims, data: BigInt64Array.from({ length: n }, () => BigInt(smallId())) };
  if (dtype === 'int32') return { type: 'int32', dims, data: Int32Array.from({ length: n }, smallId) };
  return null;
}
