import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import type { Node } from '../../ir/node.js';

/**
 * A Slice that keeps every s-th element of one axis (start o < s, through the end, size divisible by s)
 * is a Reshape that splits the axis into [D/s, s], a step-1 Slice of index o, and a Reshape back.
 * The split-off s is merged with its neighbour so the rank never grows: for an inner axis a,
 * [… D, I…] → [… D/s, s·ΠI] and slice [o·ΠI, (o+1)·ΠI) of the last axis; for the last axis,
 * [… P, D] → [… P·D/s, s] and slice [o, o+1). This is YOLOv5's Focus layer (x[..., ::2, ::2] and
 * its three shifted siblings), which ncnn's Crop and RK3588's Slice (steps must be 1) cannot run.
 */
interface Match {
  n: Node;
  x: number[];
  axis: number;
  step: number;
  start: number;
}

export default defineRewrite<Match>({
  id: 'strided-slice-to-reshape',
  description: 'Slice with step s over a whole axis → Reshape, step-1 Slice, Reshape',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Slice.html',
  match(n, ctx) {
    if (!n || n.op !== 'Slice' || n.domain || ctx.opset < 10 || n.inputs.length < 5 || !n.inputs[4]) return null;
    const xs = n.inputs[0]?.shape;
    if (!xs || xs.some((d) => typeof d !== 'number')) return null;
    const x = xs as number[],
      r = x.length;
    const num = (i: number): number[] | null => {
      const v = n.inputs[i];
      const t = v ? knownValue(v) : null;
      return t ? tensorToNumbers(t) : null;
    };
    const starts = num(1),
      ends = num(2),
      steps = num(4),
      axes = n.inputs[3] ? num(3) : starts?.map((_, i) => i);
    if (
      !starts ||
      !ends ||
      !steps ||
      !axes ||
      starts.length !== 1 ||
      ends.length !== 1 ||
      steps.length !== 1 ||
      axes.length !== 1
    )
      return null;
    const axis = axes[0]! < 0 ? axes[0]! + r : axes[0]!;
    const step = steps[0]!,
      d = x[axis]!;
    const start = starts[0]! < 0 ? starts[0]! + d : starts[0]!;
    if (axis < 1 || step < 2 || d % step !== 0 || start < 0 || start >= step || ends[0]! < d) return null;
    if (axis === r - 1 && r < 2) return null;
    return { n, x, axis, step, start };
  },
  apply({ n, x, axis, step, start }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'strided_slice');
    const r = x.length,
      d = x[axis]!;
    const inner = x.slice(axis + 1).reduce((a, v) => a * v, 1);
    const split =
      axis < r - 1
        ? [...x.slice(0, axis), d / step, step * inner]
        : [...x.slice(0, axis - 1), x[axis - 1]! * (d / step), step];
    const width = axis < r - 1 ? inner : 1;
    const last = split.length - 1;
    const shaped = b.op('Reshape', [n.inputs[0]!, b.const('split_shape', 'int64', [split.length], split)]);
    const picked = b.op('Slice', [
      shaped,
      b.const('starts', 'int64', [1], [start * width]),
      b.const('ends', 'int64', [1], [(start + 1) * width]),
      b.const('axes', 'int64', [1], [last]),
    ]);
    const out = x.map((v, i) => (i === axis ? d / step : v));
    const y = b.op('Reshape', [picked, b.const('out_shape', 'int64', [out.length], out)]);
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
