/** Constant-input helpers: a TFLite int input as numbers, and an int64 view of a (possibly dynamic) int input. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx } from './op-context.js';

/** The values of constant input i, or null when it is computed at run time. */
export function constInts(c: OpCtx, i: number): number[] | null {
  const t = c.op.inputs[i] !== undefined && c.op.inputs[i]! >= 0 ? c.constData(i) : null;
  return t ? tensorToNumbers(t) : null;
}

/** Input i as int64 (ONNX's shape/index type): a constant when known, else a Cast. */
export function int64Input(c: OpCtx, i: number, name: string): Value {
  const k = constInts(c, i);
  if (k) return c.constant(name, 'int64', [k.length], k);
  const v = c.input(i)!;
  return v.dtype === 'int64' ? v : c.node('Cast', [v], new Map([['to', attr.int(7)]]))[0]!;
}

/** A 1-D int64 constant. */
export const ints64 = (c: OpCtx, name: string, v: number[]): Value => c.constant(name, 'int64', [v.length], v);

/** Largest int64 start/end ONNX Slice clamps to the dimension. */
export const SLICE_END = 2 ** 53 - 1;
