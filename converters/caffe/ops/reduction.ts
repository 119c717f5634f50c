/** Softmax (axis), ArgMax (axis, top_k, out_max_val; per sample when no axis), Reduction (SUM, ASUM, SUMSQ, MEAN over axes ≥ axis, × coeff). */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { foreign } from './foreign.js';
import { canonicalAxis, param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

const toFloat = (c: LayerCtx, v: Value): Value => c.node('Cast', [v], new Map([['to', attr.int(1)]]))[0]!;

function softmax(c: LayerCtx): Value[] {
  const axis = param(c, 'softmax_param').num('axis') ?? 1;
  return c.node('Softmax', [c.inputs[0]!], new Map([['axis', attr.int(axis)]]));
}

function argMax(c: LayerCtx): Value[] {
  const p = param(c, 'argmax_param');
  const k = p.num('top_k') ?? 1;
  const withValues = p.bool('out_max_val') ?? false;
  const kv = c.constant('k', 'int64', [1], [k]);
  const axisParam = p.num('axis');
  if (axisParam !== undefined) {
    const [vals, idx] = c.node('TopK', [c.inputs[0]!, kv], new Map([['axis', attr.int(axisParam)]]), '', 2) as [
      Value,
      Value,
    ];
    return withValues ? [vals] : [toFloat(c, idx)];
  }
  // no axis: over each sample's flattened values; top [N, 1, k] indices or [N, 2, k] indices then values
  const flat = c.node('Flatten', [c.inputs[0]!], new Map([['axis', attr.int(1)]]))[0]!;
  const [vals, idx] = c.node('TopK', [flat, kv], new Map([['axis', attr.int(1)]]), '', 2) as [Value, Value];
  const one = c.constant('axis1', 'int64', [1], [1]);
  const rows = [toFloat(c, idx), ...(withValues ? [vals] : [])].map((v) => c.node('Unsqueeze', [v, one])[0]!);
  return rows.length === 1 ? rows : c.node('Concat', rows, new Map([['axis', attr.int(1)]]));
}

function reduction(c: LayerCtx): Value[] {
  const p = param(c, 'reduction_param');
  const rank = c.shape(c.inputs[0]!)?.length ?? 4;
  const axis = canonicalAxis(p.num('axis') ?? 0, rank);
  const axes = Array.from({ length: rank - axis }, (_, i) => axis + i);
  const op = p.str('operation') ?? 'SUM';
  const reduceOp = (
    { SUM: 'ReduceSum', ASUM: 'ReduceL1', SUMSQ: 'ReduceSumSquare', MEAN: 'ReduceMean' } as Record<string, string>
  )[op];
  if (!reduceOp) {
    c.warn(`reduction_param.operation ${op} is not one of SUM, ASUM, SUMSQ, MEAN`);
    return foreign(c);
  }
  const attrs = new Map([['keepdims', attr.int(0)]]);
  const axesValue = c.constant('axes', 'int64', [axes.length], axes);
  const y =
    reduceOp === 'ReduceSum'
      ? c.node(reduceOp, [c.inputs[0]!, axesValue], attrs)[0]!
      : c.node(reduceOp, [c.inputs[0]!], new Map([...attrs, ['axes', attr.ints(axes)]]))[0]!;
  const coeff = p.num('coeff') ?? 1;
  return coeff === 1 ? [y] : c.node('Mul', [y, c.constant('coeff', 'float32', [], [coeff])]);
}

export const REDUCTION_OPS: CaffeLayerOp[] = [
  { types: ['Softmax'], import: softmax },
  { types: ['ArgMax'], import: argMax },
  { types: ['Reduction'], import: reduction },
];
