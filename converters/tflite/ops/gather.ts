/** GATHER (axis, batch_dims), GATHER_ND, SCATTER_ND and ONE_HOT. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { int64Input, ints64 } from './int-constants.js';

const toInt64 = (c: OpCtx, v: Value): Value =>
  v.dtype === 'int64' ? v : c.node('Cast', [v], new Map([['to', attr.int(7)]]))[0]!;

/**
 * batch_dims 0: ONNX Gather. batch_dims b > 0 with axis = b: GatherND with batch_dims b over the indices
 * with a trailing unit axis (each index picks one slice of the axis after the batch axes).
 */
function gather(c: OpCtx): Value[] | null {
  const rank = c.shapeOf(0).length,
    idxRank = c.shapeOf(1).length;
  const axis = opt(c, 'axis') < 0 ? opt(c, 'axis') + rank : opt(c, 'axis');
  const batch = opt(c, 'batch_dims') < 0 ? opt(c, 'batch_dims') + idxRank : opt(c, 'batch_dims');
  if (batch === 0) return c.node('Gather', [c.input(0), c.input(1)], new Map([['axis', attr.int(axis)]]));
  if (axis !== batch) return null;
  const idx = c.node('Unsqueeze', [toInt64(c, c.input(1)!), ints64(c, 'axes', [-1])])[0]!;
  return c.node('GatherND', [c.input(0), idx], new Map([['batch_dims', attr.int(batch)]]));
}

/**
 * SCATTER_ND(indices, updates, shape): zeros of `shape` with the updates added at the indices (duplicates
 * sum). Float: one-hot rows of the flattened indices, transposed, times the updates (every duplicate
 * summed); integers: ScatterND into zeros (duplicate indices keep one update).
 */
function scatterNd(c: OpCtx): Value[] | null {
  const shape = c.constData(2) ? int64Input(c, 2, 'shape') : null;
  const idxShape = c.shapeOf(0),
    outShape = c.outShapeOf(0);
  if (!shape) return null;
  const k = idxShape[idxShape.length - 1]!;
  const idx = toInt64(c, c.input(0)!);
  const updates = c.input(1)!;
  if (!(updates.dtype ?? 'float32').startsWith('float')) {
    const zeros = c.node('Expand', [c.constant('zero', updates.dtype!, [1], [0]), shape])[0]!;
    return c.node('ScatterND', [zeros, idx, updates]);
  }
  const lead = outShape.slice(0, k),
    rest = outShape.slice(k);
  const strides = lead.map((_, i) => lead.slice(i + 1).reduce((a, b) => a * b, 1));
  const positions = lead.reduce((a, b) => a * b, 1),
    restSize = rest.reduce((a, b) => a * b, 1);
  const n = idxShape.slice(0, -1).reduce((a, b) => a * b, 1);
  const flatIdx = c.node('Reshape', [idx, ints64(c, 'idx_shape', [n, k])])[0]!;
  const linear = c.node(
    'ReduceSum',
    [c.node('Mul', [flatIdx, ints64(c, 'strides', strides)])[0]!, ints64(c, 'sum_axes', [1])],
    new Map([['keepdims', attr.int(1)]]),
  )[0]!;
  const hits = c.node('Equal', [
    linear,
    c.constant('positions', 'int64', [positions], [...Array(positions).keys()]),
  ])[0]!;
  const onehot = c.node('Cast', [hits], new Map([['to', attr.int(1)]]))[0]!;
  const rows = c.node('Reshape', [updates, ints64(c, 'rows', [n, restSize])])[0]!;
  const summed = c.node('MatMul', [
    c.node('Transpose', [onehot], new Map([['perm', attr.ints([1, 0])]]))[0]!,
    rows,
  ])[0]!;
  return c.node('Reshape', [summed, ints64(c, 'out_shape', outShape)]);
}

/** ONE_HOT(indices, depth, on, off, axis): Where(indices == range(depth) along `axis`, on, off); out-of-range → off. */
function oneHot(c: OpCtx): Value[] {
  const rank = c.shapeOf(0).length + 1;
  const axis = opt(c, 'axis') < 0 ? opt(c, 'axis') + rank : opt(c, 'axis');
  const depth = toInt64(c, c.input(1)!);
  const range = c.node('Range', [
    c.constant('zero', 'int64', [], [0]),
    c.node('Reshape', [depth, ints64(c, 'scalar', [])])[0]!,
    c.constant('one', 'int64', [], [1]),
  ])[0]!;
  const along = c.node('Reshape', [range, ints64(c, 'along', [-1, ...Array(rank - 1 - axis).fill(1)])])[0]!;
  const idx = c.node('Unsqueeze', [toInt64(c, c.input(0)!), ints64(c, 'axes', [axis])])[0]!;
  return c.node('Where', [c.node('Equal', [idx, along])[0]!, c.input(2), c.input(3)]);
}

export const gatherOps: TfliteOpTable = {
  GATHER: gather,
  GATHER_ND: (c) => c.node('GatherND', [c.input(0), toInt64(c, c.input(1)!)]),
  SCATTER_ND: scatterNd,
  ONE_HOT: oneHot,
};
