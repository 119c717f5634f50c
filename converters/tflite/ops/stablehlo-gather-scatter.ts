/**
 * STABLEHLO_GATHER and STABLEHLO_SCATTER with general dimension numbers, as ONNX GatherND / ScatterND over
 * an index tensor built from the start indices and a constant grid of window offsets:
 *   operand index = full start index (start_index_map / scatter_dims_to_operand_dims places each start
 *   coordinate on its operand axis, 0 elsewhere) + full window offset (window positions on the operand axes
 *   that are not collapsed / inserted).
 * Gather clamps each start so the slice fits (StableHLO's rule, and TFLite's kernel). Scatter skips updates
 * whose operand index falls outside the operand, as TFLite's kernel does: they are sent to an extra padded
 * corner that is cut off afterwards. The update computation must replace (return the update) or add;
 * addition sums the updates per position as a one-hot product (float only), then adds them to the operand.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt, optLongs } from './options.js';
import { ints64 } from './int-constants.js';
import { combinerOf } from './region-computation.js';

const count = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);
const toInt64 = (c: OpCtx, v: Value): Value =>
  v.dtype === 'int64' ? v : c.node('Cast', [v], new Map([['to', attr.int(7)]]))[0]!;
/** Largest element count of the one-hot product scatter-add builds. */
const ONE_HOT_LIMIT = 1 << 24;

/** Start indices as [B..., K] int64 rows (index_vector_dim moved last, or a unit axis added) and B. */
function indexRows(c: OpCtx, input: number, vectorDim: number): [Value, number[]] {
  const shape = c.shapeOf(input);
  const idx = toInt64(c, c.input(input)!);
  if (vectorDim >= shape.length) return [c.node('Unsqueeze', [idx, ints64(c, 'axes', [-1])])[0]!, shape];
  const batch = shape.filter((_, i) => i !== vectorDim);
  if (vectorDim === shape.length - 1) return [idx, batch];
  const perm = [...shape.keys()].filter((i) => i !== vectorDim).concat(vectorDim);
  return [c.node('Transpose', [idx], new Map([['perm', attr.ints(perm)]]))[0]!, batch];
}

/** Rows [B..., K] → [B..., rank]: coordinate k on operand axis map[k], 0 on the other axes. */
function spread(c: OpCtx, rows: Value, map: number[], rank: number): Value {
  const from = [...Array(rank).keys()].map((d) => Math.max(0, map.indexOf(d)));
  const picked = c.node('Gather', [rows, ints64(c, 'spread', from)], new Map([['axis', attr.int(-1)]]))[0]!;
  const mask = ints64(
    c,
    'spread_mask',
    [...Array(rank).keys()].map((d) => (map.includes(d) ? 1 : 0)),
  );
  return c.node('Mul', [picked, mask])[0]!;
}

/** Every position of a window of `sizes` on the operand axes `axes`, as [count, rank] coordinates. */
function windowGrid(sizes: number[], axes: number[], rank: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count(sizes); k++) {
    const coord = new Array<number>(rank).fill(0);
    let rest = k;
    for (let i = sizes.length - 1; i >= 0; i--) {
      coord[axes[i]!] = rest % sizes[i]!;
      rest = Math.floor(rest / sizes[i]!);
    }
    out.push(...coord);
  }
  return out;
}

/** start [B..., rank] + window grid → full operand indices [B..., W..., rank]. */
function fullIndices(c: OpCtx, start: Value, batch: number[], sizes: number[], axes: number[], rank: number): Value {
  const lifted = c.node('Reshape', [start, ints64(c, 'lifted', [...batch, ...sizes.map(() => 1), rank])])[0]!;
  const grid = c.constant('window_grid', 'int64', [...sizes, rank], windowGrid(sizes, axes, rank));
  return c.node('Add', [lifted, grid])[0]!;
}

function gather(c: OpCtx): Value[] {
  const operand = c.shapeOf(0),
    rank = operand.length;
  const offsetDims = optLongs(c, 'offset_dims'),
    collapsed = optLongs(c, 'collapsed_slice_dims'),
    startMap = optLongs(c, 'start_index_map'),
    sizes = optLongs(c, 'slice_sizes');
  const [rows, batch] = indexRows(c, 1, opt(c, 'index_vector_dim'));
  const highest = ints64(
    c,
    'highest_start',
    startMap.map((d) => operand[d]! - sizes[d]!),
  );
  const clamped = c.node('Max', [c.node('Min', [rows, highest])[0]!, ints64(c, 'lowest_start', [0])])[0]!;
  const windowAxes = [...operand.keys()].filter((d) => !collapsed.includes(d));
  const windowSizes = windowAxes.map((d) => sizes[d]!);
  const start = spread(c, clamped, startMap, rank);
  const indices = fullIndices(c, start, batch, windowSizes, windowAxes, rank);
  const picked = c.node('GatherND', [c.input(0), indices])[0]!; // [B..., W...]
  let next = 0;
  const perm = [...Array(batch.length + windowSizes.length).keys()].map((j) =>
    offsetDims.includes(j) ? batch.length + offsetDims.indexOf(j) : next++,
  );
  if (perm.every((p, j) => p === j)) return [picked];
  return c.node('Transpose', [picked], new Map([['perm', attr.ints(perm)]]));
}

function scatter(c: OpCtx): Value[] | null {
  const combiner = combinerOf(c.subgraph(opt(c, 'update_computation_subgraph_index')));
  const operand = c.shapeOf(0),
    updates = c.shapeOf(2),
    rank = operand.length;
  const isFloat = c.typeOf(0) === 'FLOAT32' || !!c.input(0)!.dtype?.startsWith('float');
  if (combiner !== 'replace' && !(combiner === 'add' && isFloat)) return null;
  const windowDims = optLongs(c, 'update_window_dims'),
    inserted = optLongs(c, 'inserted_window_dims'),
    toOperand = optLongs(c, 'scatter_dims_to_operand_dims');
  const [rows, batch] = indexRows(c, 1, opt(c, 'index_vector_dim'));
  const windowAxes = [...operand.keys()].filter((d) => !inserted.includes(d));
  const windowSizes = windowDims.map((d) => updates[d]!);
  const indices = fullIndices(c, spread(c, rows, toOperand, rank), batch, windowSizes, windowAxes, rank);
  // updates as [B..., W...]: scatter dims first, window dims after, each in order
  const updatePerm = [...updates.keys()].filter((d) => !windowDims.includes(d)).concat(windowDims);
  const ordered = updatePerm.every((p, j) => p === j)
    ? c.input(2)!
    : c.node('Transpose', [c.input(2)], new Map([['perm', attr.ints(updatePerm)]]))[0]!;
  // out-of-range updates go to the padded corner [O0, O1, …], cut off at the end
  const dims = ints64(c, 'operand_dims', operand);
  const inside = c.node('And', [
    c.node('GreaterOrEqual', [indices, ints64(c, 'zero', [0])])[0]!,
    c.node('Less', [indices, dims])[0]!,
  ])[0]!;
  const insideCount = c.node(
    'ReduceMin',
    [c.node('Cast', [inside], new Map([['to', attr.int(7)]]))[0]!],
    new Map([
      ['axes', attr.ints([-1])],
      ['keepdims', attr.int(1)],
    ]),
  )[0]!;
  const valid = c.node('Equal', [insideCount, ints64(c, 'one', [1])])[0]!;
  const routed = c.node('Where', [valid, indices, dims])[0]!;
  const pads = [...operand.map(() => 0), ...operand.map(() => 1)];
  const padded = c.node('Pad', [c.input(0), ints64(c, 'corner_pad', pads)])[0]!;
  const written =
    combiner === 'replace' ? c.node('ScatterND', [padded, routed, ordered])[0]! : addAt(c, padded, routed, ordered);
  if (!written) return null;
  return c.node('Slice', [
    written,
    ints64(
      c,
      'starts',
      operand.map(() => 0),
    ),
    ints64(c, 'ends', operand),
    ints64(c, 'axes', [...operand.keys()]),
  ]);
  function addAt(ctx: OpCtx, base: Value, at: Value, values: Value): Value | null {
    const grown = operand.map((d) => d + 1);
    const positions = count(grown),
      n = count(batch) * count(windowSizes);
    if (positions * n > ONE_HOT_LIMIT) return null;
    const strides = grown.map((_, i) => count(grown.slice(i + 1)));
    const flat = ctx.node('Reshape', [at, ints64(ctx, 'index_rows', [n, rank])])[0]!;
    const linear = ctx.node(
      'ReduceSum',
      [ctx.node('Mul', [flat, ints64(ctx, 'strides', strides)])[0]!, ints64(ctx, 'sum_axes', [1])],
      new Map([['keepdims', attr.int(0)]]),
    )[0]!;
    const column = ctx.constant('positions', 'int64', [positions, 1], [...Array(positions).keys()]);
    const hits = ctx.node('Cast', [ctx.node('Equal', [column, linear])[0]!], new Map([['to', attr.int(1)]]))[0]!;
    const sums = ctx.node('MatMul', [hits, ctx.node('Reshape', [values, ints64(ctx, 'rows', [n, 1])])[0]!])[0]!;
    return ctx.node('Add', [base, ctx.node('Reshape', [sums, ints64(ctx, 'grown', grown)])[0]!])[0]!;
  }
}

export const stablehloGatherScatterOps: TfliteOpTable = {
  STABLEHLO_GATHER: gather,
  STABLEHLO_SCATTER: scatter,
};
