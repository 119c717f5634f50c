/**
 * MATRIX_DIAG ([..., N] → [..., N, N] with the input on the main diagonal, zeros elsewhere) and
 * MATRIX_SET_DIAG ([..., M, N] with its main diagonal replaced by [..., min(M, N)]). Both select with Where
 * over a constant identity mask, so values pass through bit-exactly (no multiply by 0/1, which would turn
 * -x·0 into -0 and Inf·0 into NaN).
 */
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { ints64 } from './int-constants.js';

/** A [rows, cols] bool constant, true on the main diagonal. */
function identityMask(c: OpCtx, rows: number, cols: number): Value {
  const values = Array.from({ length: rows * cols }, (_, k) => (Math.floor(k / cols) === k % cols ? 1 : 0));
  return c.constant('diagonal_mask', 'bool', [rows, cols], values);
}

function zeroLike(c: OpCtx, x: Value): Value {
  return c.constant('zero', x.dtype ?? 'float32', [], [0]);
}

function matrixDiag(c: OpCtx): Value[] {
  const n = c.shapeOf(0).at(-1)!;
  const x = c.input(0)!;
  const column = c.node('Unsqueeze', [x, ints64(c, 'axes', [-1])])[0]!; // [..., N, 1]: row i holds x[i]
  return c.node('Where', [identityMask(c, n, n), column, zeroLike(c, x)]);
}

function matrixSetDiag(c: OpCtx): Value[] {
  const shape = c.shapeOf(0);
  const [m, n] = [shape.at(-2)!, shape.at(-1)!];
  // diagonal [..., min(M, N)]: as a column when it runs along the rows (M ≤ N), else as a row
  const along = m <= n ? -1 : -2;
  const diag = c.node('Unsqueeze', [c.input(1), ints64(c, 'axes', [along])])[0]!;
  return c.node('Where', [identityMask(c, m, n), diag, c.input(0)]);
}

export const matrixDiagOps: TfliteOpTable = {
  MATRIX_DIAG: matrixDiag,
  MATRIX_SET_DIAG: matrixSetDiag,
};
