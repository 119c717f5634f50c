/** Reshape/Flatten/Squeeze/Unsqueeze → Reshape or Flatten; Transpose → Permute; Concat; Slice/Split → Slice. */
import type { Node } from '../../../../src/ir/node.js';
import { stridedSpatialSlice } from './one-hot-conv.js';
import {
  CaffeRefusal,
  constInts,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';

function reshape(n: Node, c: WriteCtx): void {
  const x = staticDims(n.inputs[0]);
  const y = staticDims(n.outputs[0]);
  const flattenAxis = n.op === 'Flatten' ? n.int('axis', 1) : -1;
  if (flattenAxis === 1 || (y.length === 2 && y[0] === x[0] && x.length > 2))
    return c.emit({ name: layerName(n, c), type: 'Flatten', bottoms: [c.top(n.inputs[0])], tops: [outTop(n)] });
  c.emit({
    name: layerName(n, c),
    type: 'Reshape',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: { reshape_param: { shape: { dim: y } } },
  });
}

function permute(n: Node, c: WriteCtx): void {
  const rank = staticDims(n.inputs[0]).length;
  const perm = n.ints('perm') ?? [...Array(rank).keys()].reverse();
  c.emit({
    name: layerName(n, c),
    type: 'Permute',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: { permute_param: { order: perm } },
  });
}

function concat(n: Node, c: WriteCtx): void {
  const rank = staticDims(n.outputs[0]).length;
  if (rank < 2) throw new CaffeRefusal("1-D blobs: OpenCV dnn's Concat takes rank ≥ 2");
  const axis = n.int('axis', 1);
  c.emit({
    name: layerName(n, c),
    type: 'Concat',
    bottoms: n.inputs.map((v) => c.top(v)),
    tops: [outTop(n)],
    params: axis === 1 || axis === 1 - rank ? {} : { concat_param: { axis: axis < 0 ? axis + rank : axis } },
  });
}

/** One Caffe Slice per cut axis; its middle top (or first, when the kept range starts at 0) is kept. */
function slice(n: Node, c: WriteCtx): void {
  const x = staticDims(n.inputs[0]);
  const y = staticDims(n.outputs[0]);
  const [starts, ends, axesIn, steps] = [1, 2, 3, 4].map((i) => (n.inputs[i] ? constInts(n.inputs[i]) : null));
  if (n.inputs.length > 1 && (!starts || !ends)) throw new CaffeRefusal('starts/ends are not constants');
  const st = starts ?? n.ints('starts') ?? [];
  const axes = (axesIn ?? n.ints('axes') ?? st.map((_, i) => i)).map((a) => (a < 0 ? a + x.length : a));
  if ((steps ?? []).some((s) => s !== 1)) {
    const cut = new Map(axes.map((a, i) => [a, { begin: st[i]! < 0 ? st[i]! + x[a]! : st[i]!, step: steps![i]! }]));
    return stridedSpatialSlice(n, c, cut);
  }
  const cuts = axes
    .map((axis, i) => {
      const begin = Math.min(Math.max(st[i]! < 0 ? st[i]! + x[axis]! : st[i]!, 0), x[axis]!);
      return { axis, begin, size: y[axis]! };
    })
    .filter((cut) => cut.begin !== 0 || cut.size !== x[cut.axis]);
  const name = layerName(n, c);
  let current = c.top(n.inputs[0]);
  if (!cuts.length) return c.alias(n.outputs[0]!, current);
  cuts.forEach((cut, i) => {
    const points = [cut.begin, cut.begin + cut.size].filter((p) => p > 0 && p < x[cut.axis]!);
    const keep = cut.begin > 0 ? 1 : 0;
    const top = i === cuts.length - 1 ? outTop(n) : c.fresh(`${name}_axis${cut.axis}`);
    const layer = i === 0 ? name : c.fresh(`${name}_axis${cut.axis}`);
    const tops = Array.from({ length: points.length + 1 }, (_, t) => (t === keep ? top : c.fresh(`${layer}_unused`)));
    c.emit({
      name: layer,
      type: 'Slice',
      bottoms: [current],
      tops,
      params: { slice_param: { axis: cut.axis, slice_point: points } },
    });
    current = top;
  });
}

function split(n: Node, c: WriteCtx): void {
  const x = staticDims(n.inputs[0]);
  const a = n.int('axis', 0);
  const axis = a < 0 ? a + x.length : a;
  const sizes = n.outputs.map((o) => staticDims(o)[axis]!);
  const points = sizes.slice(0, -1).map((_, i) => sizes.slice(0, i + 1).reduce((s, v) => s + v, 0));
  c.emit({
    name: layerName(n, c),
    type: 'Slice',
    bottoms: [c.top(n.inputs[0])],
    tops: n.outputs.map((o, i) => o?.name ?? c.fresh(`${n.name}_unused${i}`)),
    params: { slice_param: { axis, slice_point: points } },
  });
}

const WRITERS: Record<string, (n: Node, c: WriteCtx) => void> = {
  Reshape: reshape,
  Flatten: reshape,
  Squeeze: reshape,
  Unsqueeze: reshape,
  Transpose: permute,
  Concat: concat,
  Slice: slice,
  Split: split,
};

export const shapeFamily: LayerFamily = { ops: Object.keys(WRITERS), write: (n, c) => WRITERS[n.op]!(n, c) };
