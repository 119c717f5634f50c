/** Broadcasting binary math and comparisons: one ONNX op each, then the fused activation where the options have one. */
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';
import { activation } from './fused-activation.js';

const BINARY: Record<string, string> = {
  ADD: 'Add',
  SUB: 'Sub',
  MUL: 'Mul',
  DIV: 'Div',
  MAXIMUM: 'Max',
  MINIMUM: 'Min',
  POW: 'Pow',
  LESS: 'Less',
  GREATER: 'Greater',
  EQUAL: 'Equal',
};

function binary(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => [activation(c, c.node(onnxOp, [c.input(0), c.input(1)])[0]!)];
}

export const binaryOps: TfliteOpTable = Object.fromEntries(
  Object.entries(BINARY).map(([name, onnxOp]) => [name, binary(onnxOp)]),
);
