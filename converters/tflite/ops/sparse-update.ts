/**
 * Writing values at positions: SPARSE_TO_DENSE (a tensor of the default value with `values` at `indices`) and
 * DYNAMIC_UPDATE_SLICE (the update block written into the operand at a start clamped so the block fits),
 * both as ONNX ScatterND, which copies the values unchanged.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { int64Input, ints64 } from './int-constants.js';

const toInt64 = (c: OpCtx, v: Value): Value =>
  v.dtype === 'int64' ? v : c.node('Cast', [v], new Map([['to', attr.int(7)]]))[0]!;
const count = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/** SPARSE_TO_DENSE(indices: scalar | [N] | [N, R], output_shape [R], values: scalar | [N], default). */
function sparseToDense(c: OpCtx): Value[] {
  const rank = c.shapeOf(1)[0] ?? 1;
  const n = count(c.shapeOf(0)) / rank;
  const indices = c.node('Reshape', [toInt64(c, c.input(0)!), ints64(c, 'index_rows', [n, rank])])[0]!;
  const values =
    c.shapeOf(2).length === 0
      ? c.node('Expand', [c.input(2)!, ints64(c, 'value_count', [n])])[0]!
      : c.node('Reshape', [c.input(2)!, ints64(c, 'value_count', [n])])[0]!;
  const dense = c.node('Expand', [c.input(3)!, int64Input(c, 1, 'output_shape')])[0]!;
  return c.node('ScatterND', [dense, indices, values]);
}

/** Every position of a block of `dims`, row-major, as [count, rank] int64 coordinates. */
function blockPositions(dims: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < count(dims); k++) {
    let rest = k;
    const coord = dims.map((_, i) => {
      const inner = count(dims.slice(i + 1));
      const v = Math.floor(rest / inner);
      rest -= v * inner;
      return v;
    });
    out.push(...coord);
  }
  return out;
}

/** DYNAMIC_UPDATE_SLICE: start clamped to [0, operand − update] per axis, as TFLite's kernel does. */
function dynamicUpdateSlice(c: OpCtx): Value[] {
  const operand = c.shapeOf(0),
    update = c.shapeOf(1);
  const rank = operand.length;
  const start = toInt64(c, int64Input(c, 2, 'start'));
  const highest = ints64(
    c,
    'highest_start',
    operand.map((d, i) => d - update[i]!),
  );
  const clamped = c.node('Max', [c.node('Min', [start, highest])[0]!, ints64(c, 'lowest_start', [0])])[0]!;
  const positions = c.constant('block_positions', 'int64', [count(update), rank], blockPositions(update));
  const moved = c.node('Add', [positions, clamped])[0]!;
  const indices = c.node('Reshape', [moved, ints64(c, 'index_shape', [...update, rank])])[0]!;
  return c.node('ScatterND', [c.input(0), indices, c.input(1)]);
}

export const sparseUpdateOps: TfliteOpTable = {
  SPARSE_TO_DENSE: sparseToDense,
  DYNAMIC_UPDATE_SLICE: dynamicUpdateSlice,
};
