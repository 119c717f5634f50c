/** ncnn import: BinaryOp, UnaryOp and Eltwise. */
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';
import { ncnnTable } from '../ncnn-table.js';

function importBinaryOp(ctx: NcnnImportCtx): void {
  const { l, ins, x, file, P, konst, node, set } = ctx;
  const ops = Object.fromEntries(Object.entries(ncnnTable().layers.BinaryOp!.enums!.op_type!).map(([k, v]) => [v, k]));
  const op = (
    { ADD: 'Add', SUB: 'Sub', MUL: 'Mul', DIV: 'Div', MAX: 'Max', MIN: 'Min', POW: 'Pow' } as Record<string, string>
  )[ops[P(l, 'op_type', 0)]!];
  if (!op) throw new InputError(file, `layer ${l.name}: BinaryOp type ${P(l, 'op_type', 0)} is not read by convcheck`);
  const b = P(l, 'with_scalar', 0) ? konst(`${l.name}/b`, 'float32', [], [P(l, 'b', 0)]) : ins[1]!;
  set(node(op, [x, b]));
}

function importUnaryOp(ctx: NcnnImportCtx): void {
  const { l, x, file, P, node, set } = ctx;
  const ops = Object.fromEntries(Object.entries(ncnnTable().layers.UnaryOp!.enums!.op_type!).map(([k, v]) => [v, k]));
  const op = (
    {
      ABS: 'Abs',
      NEG: 'Neg',
      FLOOR: 'Floor',
      CEIL: 'Ceil',
      SQRT: 'Sqrt',
      EXP: 'Exp',
      LOG: 'Log',
      SIN: 'Sin',
      COS: 'Cos',
      TAN: 'Tan',
      RECIPROCAL: 'Reciprocal',
      TANH: 'Tanh',
    } as Record<string, string>
  )[ops[P(l, 'op_type', 0)]!];
  if (ops[P(l, 'op_type', 0)] === 'SQUARE') {
    set(node('Mul', [x, x]));
    return;
  }
  if (!op) throw new InputError(file, `layer ${l.name}: UnaryOp type ${P(l, 'op_type', 0)} is not read by convcheck`);
  set(node(op, [x]));
}

function importEltwise(ctx: NcnnImportCtx): void {
  const { l, ins, file, P, A, node, set } = ctx;
  const t = P(l, 'op_type', 1);
  if (t !== 1 || A(l, 'coeffs').some((c) => c !== 1))
    throw new InputError(file, `layer ${l.name}: Eltwise op ${t} with coefficients is not read by convcheck`);
  set(node('Sum', ins));
}

export const elementwiseLayers: NcnnLayerTable = {
  BinaryOp: importBinaryOp,
  UnaryOp: importUnaryOp,
  Eltwise: importEltwise,
};
