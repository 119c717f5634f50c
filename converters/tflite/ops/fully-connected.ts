/** FULLY_CONNECTED: Gemm over the input flattened to [-1, K] (keep_num_dims restores the leading dims). */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';

function fullyConnected(c: OpCtx): Value {
  const x = c.shapeOf(0),
    w = c.shapeOf(1);
  const k = w[1]!;
  let a = c.input(0)!;
  if (x.length !== 2) a = c.node('Reshape', [a, c.constant('shape', 'int64', [2], [-1, k])])[0]!;
  let y = c.node('Gemm', [a, c.weight(1, (t) => t, 0), c.input(2)], new Map([['transB', attr.int(1)]]))[0]!;
  if (opt(c, 'keep_num_dims') && x.length !== 2)
    y = c.node('Reshape', [y, c.constant('shape_out', 'int64', [x.length], [...x.slice(0, -1), w[0]!])])[0]!;
  return activation(c, y);
}

export const fullyConnectedOps: TfliteOpTable = { FULLY_CONNECTED: (c) => [fullyConnected(c)] };
