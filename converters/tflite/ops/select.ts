/** SELECT, SELECT_V2 (Where) and WHERE (the coordinates of true elements: NonZero, transposed). */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { ints64 } from './int-constants.js';

/** SELECT (v1): a rank-1 condition over a higher-rank x picks whole rows; SELECT_V2 broadcasts. */
function select(c: OpCtx): Value[] {
  const cond = c.shapeOf(0),
    x = c.shapeOf(1);
  let condition = c.input(0)!;
  if (cond.length === 1 && x.length > 1)
    condition = c.node('Reshape', [condition, ints64(c, 'rows', [cond[0]!, ...Array(x.length - 1).fill(1)])])[0]!;
  return c.node('Where', [condition, c.input(1), c.input(2)]);
}

function where(c: OpCtx): Value[] {
  const nz = c.node('NonZero', [c.input(0)])[0]!;
  const y = c.node('Transpose', [nz], new Map([['perm', attr.ints([1, 0])]]))[0]!;
  return c.outTypeOf(0) === 'INT64' ? [y] : c.node('Cast', [y], new Map([['to', attr.int(6)]]));
}

export const selectOps: TfliteOpTable = {
  SELECT: select,
  SELECT_V2: (c) => c.node('Where', [c.input(0), c.input(1), c.input(2)]),
  WHERE: where,
};
