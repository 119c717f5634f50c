/** Elementwise unary math: one ONNX op each, or a short composition where ONNX has no single op. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';
import { onnxTypeCode } from './dtype.js';

const UNARY: Record<string, string> = {
  RELU: 'Relu',
  LOGISTIC: 'Sigmoid',
  TANH: 'Tanh',
  HARD_SWISH: 'HardSwish',
  EXP: 'Exp',
  LOG: 'Log',
  SQRT: 'Sqrt',
  ABS: 'Abs',
  NEG: 'Neg',
  FLOOR: 'Floor',
  CEIL: 'Ceil',
  ROUND: 'Round', // both round half to even
  SIGN: 'Sign',
  ELU: 'Elu',
  SIN: 'Sin',
  COS: 'Cos',
  LOGICAL_NOT: 'Not',
};

function unary(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => c.node(onnxOp, [c.input(0)]);
}

/** 1 / √x. */
function rsqrt(c: OpCtx): Value[] {
  return c.node('Reciprocal', [c.node('Sqrt', [c.input(0)])[0]!]);
}

/** A tensor of x's shape and type filled with `v` (ZEROS_LIKE). */
function filledLike(v: number): TfliteImporter {
  return (c: OpCtx) => {
    const x = c.input(0)!;
    const value = c.constant('value', x.dtype ?? 'float32', [1], [v]);
    return c.node('Expand', [value, c.node('Shape', [x])[0]!]);
  };
}

export const unaryOps: TfliteOpTable = {
  ...Object.fromEntries(Object.entries(UNARY).map(([name, onnxOp]) => [name, unary(onnxOp)])),
  RSQRT: rsqrt,
  SQUARE: (c) => c.node('Mul', [c.input(0), c.input(0)]),
  RELU_0_TO_1: (c) =>
    c.node('Clip', [c.input(0), c.constant('min', 'float32', [], [0]), c.constant('max', 'float32', [], [1])]),
  ZEROS_LIKE: filledLike(0),
  CAST: (c) => c.node('Cast', [c.input(0)], new Map([['to', attr.int(onnxTypeCode(c.outTypeOf(0)))]])),
};
