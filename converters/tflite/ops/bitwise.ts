/**
 * Integer bit ops composed from exact int64 arithmetic (ONNX BitShift is unsigned-only and BitwiseXor needs
 * opset 18): values are taken modulo 2^bits as unsigned, shifted or split into bits, and mapped back to the
 * tensor's type (two's complement for signed types).
 * - RIGHT_SHIFT: arithmetic shift of signed values (floor division by 2^s), the amount clamped to
 *   [0, bits − 1] as TFLite's kernel does (a negative amount shifts by 0).
 * - BITWISE_XOR: bit by bit.
 * - STABLEHLO_SHIFT_LEFT (int32): x · 2^(s mod 32) modulo 2^32, the shift LiteRT computes for every amount.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { ints64 } from './int-constants.js';
import { onnxTypeCode } from './dtype.js';

const WIDTH: Record<string, { bits: number; signed: boolean }> = {
  INT8: { bits: 8, signed: true },
  INT16: { bits: 16, signed: true },
  INT32: { bits: 32, signed: true },
  UINT8: { bits: 8, signed: false },
  UINT16: { bits: 16, signed: false },
  UINT32: { bits: 32, signed: false },
};
/** 2^0 … 2^33, exact in int64 (indexed by a shift amount). */
const POWERS = Array.from({ length: 34 }, (_, k) => 2 ** k);

const toInt64 = (c: OpCtx, v: Value): Value =>
  v.dtype === 'int64' ? v : c.node('Cast', [v], new Map([['to', attr.int(7)]]))[0]!;
const scalar = (c: OpCtx, name: string, v: number): Value => c.constant(name, 'int64', [], [v]);
const powerOf = (c: OpCtx, s: Value): Value =>
  c.node('Gather', [c.constant('powers', 'int64', [POWERS.length], POWERS), s], new Map([['axis', attr.int(0)]]))[0]!;

/** v modulo 2^bits, in [0, 2^bits) (ONNX integer Mod takes the divisor's sign). */
const unsigned = (c: OpCtx, v: Value, bits: number): Value => c.node('Mod', [v, scalar(c, 'modulus', 2 ** bits)])[0]!;

/** An unsigned int64 result back in the output's type (values ≥ 2^(bits−1) wrap for signed types). */
function typed(c: OpCtx, u: Value, width: { bits: number; signed: boolean }): Value {
  let v = u;
  if (width.signed) {
    const wraps = c.node('GreaterOrEqual', [u, scalar(c, 'sign_bit', 2 ** (width.bits - 1))])[0]!;
    v = c.node('Where', [wraps, c.node('Sub', [u, scalar(c, 'modulus', 2 ** width.bits)])[0]!, u])[0]!;
  }
  return c.node('Cast', [v], new Map([['to', attr.int(onnxTypeCode(c.outTypeOf(0)))]]))[0]!;
}

function rightShift(c: OpCtx): Value[] | null {
  const width = WIDTH[c.typeOf(0)];
  if (!width) return null;
  const x = toInt64(c, c.input(0)!);
  const amount = c.node('Clip', [
    toInt64(c, c.input(1)!),
    scalar(c, 'no_shift', 0),
    scalar(c, 'widest', width.bits - 1),
  ])[0]!;
  const divisor = powerOf(c, amount);
  const truncated = c.node('Div', [x, divisor])[0]!;
  const remainder = c.node('Sub', [x, c.node('Mul', [truncated, divisor])[0]!])[0]!;
  const below = c.node('Less', [remainder, scalar(c, 'zero', 0)])[0]!;
  const floored = c.node('Where', [below, c.node('Sub', [truncated, scalar(c, 'one', 1)])[0]!, truncated])[0]!;
  return [c.node('Cast', [floored], new Map([['to', attr.int(onnxTypeCode(c.outTypeOf(0)))]]))[0]!];
}

function bitwiseXor(c: OpCtx): Value[] | null {
  const width = WIDTH[c.typeOf(0)];
  if (!width) return null;
  const weights = ints64(c, 'bit_weights', POWERS.slice(0, width.bits));
  const bitsOf = (i: number): Value => {
    const u = unsigned(c, toInt64(c, c.input(i)!), width.bits);
    const column = c.node('Unsqueeze', [u, ints64(c, 'axes', [-1])])[0]!;
    return c.node('Mod', [c.node('Div', [column, weights])[0]!, scalar(c, 'two', 2)])[0]!;
  };
  const differ = c.node('Abs', [c.node('Sub', [bitsOf(0), bitsOf(1)])[0]!])[0]!;
  const sum = c.node(
    'ReduceSum',
    [c.node('Mul', [differ, weights])[0]!, ints64(c, 'bit_axis', [-1])],
    new Map([['keepdims', attr.int(0)]]),
  )[0]!;
  return [typed(c, sum, width)];
}

function shiftLeft(c: OpCtx): Value[] | null {
  if (c.typeOf(0) !== 'INT32') return null;
  const width = WIDTH.INT32!;
  const amount = unsigned(c, toInt64(c, c.input(1)!), 5);
  const kept = c.node('Sub', [scalar(c, 'bits', 32), amount])[0]!;
  const low = c.node('Mod', [unsigned(c, toInt64(c, c.input(0)!), 32), powerOf(c, kept)])[0]!;
  return [typed(c, c.node('Mul', [low, powerOf(c, amount)])[0]!, width)];
}

export const bitwiseOps: TfliteOpTable = {
  RIGHT_SHIFT: rightShift,
  BITWISE_XOR: bitwiseXor,
  STABLEHLO_SHIFT_LEFT: shiftLeft,
};
