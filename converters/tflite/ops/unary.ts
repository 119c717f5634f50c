/** Elementwise unary math: one ONNX op each. */
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';

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
  ELU: 'Elu',
  SIN: 'Sin',
  COS: 'Cos',
};

function unary(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => c.node(onnxOp, [c.input(0)]);
}

export const unaryOps: TfliteOpTable = Object.fromEntries(
  Object.entries(UNARY).map(([name, onnxOp]) => [name, unary(onnxOp)]),
);
