/** BATCH_MATMUL: MatMul with broadcast batch dims; adj_x / adj_y transpose the last two dims of x / y first. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';

function swapLastTwo(c: OpCtx, v: Value, rank: number): Value {
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return c.node('Transpose', [v], new Map([['perm', attr.ints(perm)]]))[0]!;
}

function batchMatmul(c: OpCtx): Value[] {
  let x = c.input(0)!,
    y = c.input(1)!;
  if (opt(c, 'adj_x')) x = swapLastTwo(c, x, c.shapeOf(0).length);
  if (opt(c, 'adj_y')) y = swapLastTwo(c, y, c.shapeOf(1).length);
  return c.node('MatMul', [x, y]);
}

export const matmulOps: TfliteOpTable = { BATCH_MATMUL: batchMatmul };
