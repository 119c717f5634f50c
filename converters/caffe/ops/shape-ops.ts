/**
 * Data movement: Split, Dropout, Silence, BatchReindex, Concat, Slice, Flatten, Reshape (axis, num_axes), Permute,
 * Crop, Tile, ShuffleChannel, Parameter.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { foreign } from './foreign.js';
import { canonicalAxis, param, product } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

const ints = (c: LayerCtx, name: string, v: number[]): Value => c.constant(name, 'int64', [v.length], v);
const reshapeTo = (c: LayerCtx, x: Value, dims: number[]): Value[] => c.node('Reshape', [x, ints(c, 'shape', dims)]);

function concat(c: LayerCtx): Value[] {
  const p = param(c, 'concat_param');
  return c.node('Concat', c.inputs, new Map([['axis', attr.int(p.num('axis') ?? p.num('concat_dim') ?? 1)]]));
}

function slice(c: LayerCtx): Value[] {
  const p = param(c, 'slice_param');
  const s = c.shape(c.inputs[0]!);
  if (!s) return foreign(c);
  const axis = canonicalAxis(p.num('axis') ?? p.num('slice_dim') ?? 1, s.length);
  const n = s[axis]!;
  const points = p.nums('slice_point');
  const bounds = points.length ? [0, ...points, n] : Array.from({ length: c.tops + 1 }, (_, i) => (i * n) / c.tops);
  const sizes = bounds.slice(1).map((b, i) => b - bounds[i]!);
  return c.node('Split', [c.inputs[0]!, ints(c, 'split', sizes)], new Map([['axis', attr.int(axis)]]), '', c.tops);
}

function flatten(c: LayerCtx): Value[] {
  const p = param(c, 'flatten_param');
  const s = c.shape(c.inputs[0]!);
  const axis = canonicalAxis(p.num('axis') ?? 1, s?.length ?? 4);
  const end = p.num('end_axis') ?? -1;
  if (end === -1) return c.node('Flatten', [c.inputs[0]!], new Map([['axis', attr.int(axis)]]));
  if (!s) return foreign(c);
  const e = canonicalAxis(end, s.length);
  return reshapeTo(c, c.inputs[0]!, [...s.slice(0, axis), product(s.slice(axis, e + 1)), ...s.slice(e + 1)]);
}

/** Caffe Reshape: `shape` replaces input axes [axis, axis + num_axes); 0 copies the input dim, −1 is inferred. */
function reshape(c: LayerCtx): Value[] {
  const p = param(c, 'reshape_param');
  const spec = p.msg('shape')?.nums('dim') ?? [];
  const s = c.shape(c.inputs[0]!);
  if (!s) return foreign(c);
  const axisParam = p.num('axis') ?? 0;
  const start = axisParam < 0 ? s.length + 1 + axisParam : axisParam;
  const numAxes = p.num('num_axes') ?? -1;
  const end = numAxes === -1 ? s.length : start + numAxes;
  const mid = spec.map((d, i) => (d === 0 ? s[start + i]! : d));
  const dims = [...s.slice(0, start), ...mid, ...s.slice(end)];
  const known = product(dims.filter((d) => d !== -1));
  return reshapeTo(
    c,
    c.inputs[0]!,
    dims.map((d) => (d === -1 ? product(s) / known : d)),
  );
}

/** Permute (SSD): `order` lists the leading axes; the others follow in their order. */
function permute(c: LayerCtx): Value[] {
  const order = param(c, 'permute_param').nums('order');
  const rank = c.shape(c.inputs[0]!)?.length ?? Math.max(4, order.length);
  const perm = [...order, ...Array.from({ length: rank }, (_, i) => i).filter((i) => !order.includes(i))];
  return c.node('Transpose', [c.inputs[0]!], new Map([['perm', attr.ints(perm)]]));
}

/** Crop: bottom 0 cut to bottom 1's dims from `axis` on, at `offset` (one for all axes, or one per axis). */
function crop(c: LayerCtx): Value[] {
  const p = param(c, 'crop_param');
  const s0 = c.shape(c.inputs[0]!),
    s1 = c.shape(c.inputs[1]!);
  if (!s0 || !s1) return foreign(c);
  const axis = canonicalAxis(p.num('axis') ?? 2, s0.length);
  const offs = p.nums('offset');
  const axes = Array.from({ length: s0.length - axis }, (_, i) => axis + i);
  const starts = axes.map((_, i) => (offs.length === 1 ? offs[0]! : (offs[i] ?? 0)));
  const ends = axes.map((a, i) => starts[i]! + s1[a]!);
  return c.node('Slice', [c.inputs[0]!, ints(c, 'starts', starts), ints(c, 'ends', ends), ints(c, 'axes', axes)]);
}

function tile(c: LayerCtx): Value[] {
  const p = param(c, 'tile_param');
  const rank = c.shape(c.inputs[0]!)?.length ?? 4;
  const repeats = new Array<number>(rank).fill(1);
  repeats[canonicalAxis(p.num('axis') ?? 1, rank)] = p.num('tiles') ?? 1;
  return c.node('Tile', [c.inputs[0]!, ints(c, 'repeats', repeats)]);
}

/** ShuffleChannel (ShuffleNet forks): [N, g, C/g, H, W] → swap the group axes → [N, C, H, W]. */
function shuffleChannel(c: LayerCtx): Value[] {
  const g = param(c, 'shuffle_channel_param').num('group') ?? 1;
  const s = c.shape(c.inputs[0]!);
  if (!s || s.length !== 4) return foreign(c);
  const [n, ch, h, w] = s as [number, number, number, number];
  const a = c.node('Reshape', [c.inputs[0]!, ints(c, 'shape5', [n, g, ch / g, h, w])])[0]!;
  const t = c.node('Transpose', [a], new Map([['perm', attr.ints([0, 2, 1, 3, 4])]]))[0]!;
  return c.node('Reshape', [t, ints(c, 'shape4', [n, ch, h, w])]);
}

/** Parameter: its blob, as a top. */
function parameter(c: LayerCtx): Value[] {
  const dims = param(c, 'parameter_param').msg('shape')?.nums('dim') ?? c.blobs[0]?.dims ?? [];
  return c.node('Identity', [c.weight(0, [...dims], 'blob')]);
}

/** Split: every top is its bottom. Dropout: identity at inference, or ×(1 − ratio) when the fork's scale_train is false. */
function dropout(c: LayerCtx): Value[] {
  const p = param(c, 'dropout_param');
  if (p.bool('scale_train') !== false) return new Array<Value>(c.tops).fill(c.inputs[0]!);
  const keep = 1 - (p.num('dropout_ratio') ?? 0.5);
  return c.node('Mul', [c.inputs[0]!, c.constant('keep', 'float32', [], [keep])]);
}

/** BatchReindex: the items of bottom 0 (axis 0) that bottom 1 lists, in that order. */
function batchReindex(c: LayerCtx): Value[] {
  const idx = c.node('Cast', [c.inputs[1]!], new Map([['to', attr.int(7)]]))[0]!;
  return c.node('Gather', [c.inputs[0]!, idx], new Map([['axis', attr.int(0)]]));
}

export const SHAPE_OPS: CaffeLayerOp[] = [
  { types: ['BatchReindex'], import: batchReindex },
  { types: ['Split'], import: (c) => new Array<Value>(c.tops).fill(c.inputs[0]!) },
  { types: ['Dropout'], import: dropout },
  { types: ['Silence'], import: () => [] },
  { types: ['Concat'], import: concat },
  { types: ['Slice'], import: slice },
  { types: ['Flatten'], import: flatten },
  { types: ['Reshape'], import: reshape },
  { types: ['Permute'], import: permute },
  { types: ['Crop'], import: crop },
  { types: ['Tile'], import: tile },
  { types: ['ShuffleChannel'], import: shuffleChannel },
  { types: ['Parameter'], import: parameter },
];
