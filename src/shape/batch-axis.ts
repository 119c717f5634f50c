/**
 * Which axis of each value is the batch: a number, null for a value without one (constants, shape arithmetic),
 * undefined when it cannot be told. Graph inputs have it at axis 0, except a sequence fed straight into a
 * time-major recurrent layer ([T, batch, features]: axis 1). Recurrent layers place it by their layout
 * (ONNX LSTM/GRU/RNN, layout 0: Y [T, dirs, batch, H], Y_h/Y_c [dirs, batch, H]); other ops carry it through
 * by how they move axes (Transpose, Squeeze/Unsqueeze, reductions, Reshape/Flatten where the dims before the
 * batch axis keep their product). Runs after shape inference (inferShapes calls it).
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { Dim } from '../ir/shape.js';
import { tensorToNumbers } from '../ir/typed-data.js';

export type BatchAxis = number | null | undefined;
type AxisFn = (n: Node, ins: BatchAxis[]) => BatchAxis[];

const RNN_OPS = new Set(['LSTM', 'GRU', 'RNN']);
/** Ops whose outputs lie like their first input along the batch axis (same rank, batch untouched). */
const LIKE_FIRST_INPUT = new Set([
  'Concat',
  'Split',
  'Slice',
  'Pad',
  'Tile',
  'Expand',
  'Resize',
  'Upsample',
  'Softmax',
  'LogSoftmax',
  'Hardmax',
  'CumSum',
  'DepthToSpace',
  'SpaceToDepth',
]);

/** Ops whose outputs have no batch axis (shapes, index lists, generated ranges). */
const NO_BATCH = new Set(['Shape', 'Size', 'ConstantOfShape', 'Range', 'NonMaxSuppression', 'NonZero', 'EyeLike']);

const rankOf = (v: Value | null | undefined): number | undefined => v?.shape?.length;
const constAxes = (n: Node, input: number): number[] | null => {
  const a = n.ints('axes');
  if (a) return a;
  const v = n.inputs[input];
  const t = v ? (v.data ?? (v.meta.value as Value['data'] | undefined) ?? null) : null;
  return t ? tensorToNumbers(t) : null;
};

/** The batch axis moved by a rank change: the output rank minus the input rank, added (numpy broadcasting). */
function broadcastAxis(n: Node, ins: BatchAxis[]): BatchAxis {
  const out = rankOf(n.outputs[0]);
  for (let i = 0; i < ins.length; i++) {
    const b = ins[i];
    if (b === null) continue;
    const r = rankOf(n.inputs[i]);
    if (b === undefined || r === undefined || out === undefined) return undefined;
    return b + out - r;
  }
  return null;
}

/** Where the batch axis lands after a reshape: the output axis of the same size whose leading dims keep their product. */
function reshapedAxis(x: Dim[] | null | undefined, y: Dim[] | null | undefined, b: number): BatchAxis {
  if (!x || !y || [...x, ...y].some((d) => typeof d !== 'number')) return undefined;
  const before = (x as number[]).slice(0, b).reduce((p, d) => p * d, 1);
  let prefix = 1;
  for (let j = 0; j < y.length; j++) {
    if (prefix === before && y[j] === x[b]) return j;
    prefix *= y[j] as number;
    if (prefix > before) break;
  }
  return undefined;
}

function removeAxes(b: number, axes: number[], rank: number): BatchAxis {
  const norm = axes.map((a) => (a < 0 ? a + rank : a));
  return norm.includes(b) ? null : b - norm.filter((a) => a < b).length;
}

const AXIS_FNS: Record<string, AxisFn> = {
  Transpose: (n, [b]) => {
    if (b === null || b === undefined) return [b];
    const r = rankOf(n.inputs[0]);
    const perm = n.ints('perm') ?? (r === undefined ? null : [...Array(r).keys()].reverse());
    return [perm ? perm.indexOf(b) : undefined];
  },
  Reshape: (n, [b]) => [b === null || b === undefined ? b : reshapedAxis(n.inputs[0]?.shape, n.outputs[0]?.shape, b)],
  Flatten: (n, [b]) => [b === null || b === undefined ? b : reshapedAxis(n.inputs[0]?.shape, n.outputs[0]?.shape, b)],
  Gather: (n, [b, ids]) => {
    const r = rankOf(n.inputs[0]);
    const q = rankOf(n.inputs[1]);
    if (r === undefined || q === undefined) return [undefined];
    const a = n.int('axis', 0) < 0 ? n.int('axis', 0) + r : n.int('axis', 0);
    if (b === null) return [ids === null || ids === undefined ? ids : ids + a]; // a table lookup: the ids' batch
    if (b === undefined || a === b) return [undefined];
    return [b < a ? b : b + q - 1];
  },
  Squeeze: (n, [b]) => {
    if (b === null || b === undefined) return [b];
    const x = n.inputs[0]?.shape;
    const axes = constAxes(n, 1) ?? (x ? x.flatMap((d, i) => (d === 1 ? [i] : [])) : null);
    return [axes && x ? removeAxes(b, axes, x.length) : undefined];
  },
  Unsqueeze: (n, [b]) => {
    if (b === null || b === undefined) return [b];
    const axes = constAxes(n, 1);
    const out = rankOf(n.outputs[0]);
    if (!axes || out === undefined) return [undefined];
    const sorted = axes.map((a) => (a < 0 ? a + out : a)).sort((p, q) => p - q);
    let at = b;
    for (const a of sorted) if (a <= at) at++;
    return [at];
  },
};

function reduceAxis(n: Node, b: BatchAxis): BatchAxis {
  if (b === null || b === undefined) return b;
  const r = rankOf(n.inputs[0]);
  const axes = constAxes(n, 1);
  if (r === undefined) return undefined;
  const all = !axes || !axes.length;
  if (n.int('keepdims', 1)) return all && !n.int('noop_with_empty_axes', 0) ? null : b;
  return all ? null : removeAxes(b, axes, r);
}

function rnnAxes(n: Node, [x]: BatchAxis[]): BatchAxis[] {
  if (x === null) return n.outputs.map(() => null);
  return n.int('layout', 0) ? [0, 0, 0] : [2, 1, 1];
}

function outputAxes(n: Node, ins: BatchAxis[]): BatchAxis[] {
  if (n.outputs.every((v) => !v || v.data || v.meta.value)) return n.outputs.map(() => null);
  if (NO_BATCH.has(n.op)) return n.outputs.map(() => null);
  if (RNN_OPS.has(n.op)) return rnnAxes(n, ins);
  const fn = AXIS_FNS[n.op];
  if (fn) return fn(n, ins);
  if (n.op.startsWith('Reduce') || n.op === 'ArgMax' || n.op === 'ArgMin') return [reduceAxis(n, ins[0])];
  if (LIKE_FIRST_INPUT.has(n.op)) return n.outputs.map(() => ins[0]);
  const b = broadcastAxis(n, ins);
  // same-rank outputs (elementwise, conv, pool, norm, matmul) keep the batch where broadcasting put it
  return n.outputs.map((v) => (b !== undefined && b !== null && rankOf(v) !== rankOf(n.outputs[0]) ? undefined : b));
}

/** A graph input's batch axis: 1 for a sequence consumed only as X of time-major recurrent layers, else 0. */
function inputAxis(v: Value): BatchAxis {
  if (v.data) return null;
  if (!v.shape || !v.shape.length) return v.shape ? null : undefined;
  const timeMajor =
    v.consumers.length > 0 &&
    v.consumers.every((c) => RNN_OPS.has(c.op) && c.inputs[0] === v && c.int('layout', 0) === 0);
  return timeMajor ? 1 : 0;
}

/** Set `batchAxis` on every value of a graph (subgraph values are left unknown). */
export function inferBatchAxes(g: Graph): void {
  for (const v of g.inputs) v.batchAxis = inputAxis(v);
  for (const v of g.constants()) v.batchAxis = null;
  for (const n of g.nodes) {
    const ins = n.inputs.map((v) => (v ? (v.data ? null : v.batchAxis) : null));
    outputAxes(n, ins).forEach((b, i) => {
      const v = n.outputs[i];
      if (v) v.batchAxis = v.meta.value ? null : b;
    });
  }
}

/** The batch axis of a value, as checks and exporters that drop it read it: axis 0 when unknown. */
export function batchAxisOf(v: Value | null | undefined): number | null {
  if (!v) return 0;
  return v.batchAxis === undefined ? 0 : v.batchAxis;
}
