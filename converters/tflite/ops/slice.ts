/**
 * SLICE and STRIDED_SLICE (begin/end/ellipsis/new-axis/shrink masks and `offset`): one ONNX Slice over the
 * input's axes, then a Reshape to the declared output shape for the axes shrink removes and new_axis adds
 * (element order is unchanged by either).
 */
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { constInts, ints64, SLICE_END } from './int-constants.js';

function sliceOp(c: OpCtx, starts: number[], ends: number[], axes: number[], steps: number[]): Value {
  return c.node('Slice', [
    c.input(0)!,
    ints64(c, 'starts', starts),
    ints64(c, 'ends', ends),
    ints64(c, 'axes', axes),
    ints64(c, 'steps', steps),
  ])[0]!;
}

function reshapeTo(c: OpCtx, y: Value): Value {
  const out = c.outShapeOf(0);
  return c.node('Reshape', [y, ints64(c, 'shape', out)])[0]!;
}

function slice(c: OpCtx): Value[] | null {
  const begin = constInts(c, 1),
    size = constInts(c, 2);
  if (!begin || !size) return null;
  const ends = size.map((s, i) => (s === -1 ? SLICE_END : begin[i]! + s));
  return [
    sliceOp(
      c,
      begin,
      ends,
      [...begin.keys()],
      begin.map(() => 1),
    ),
  ];
}

const bit = (mask: number, i: number): boolean => (mask & (1 << i)) !== 0;

function stridedSlice(c: OpCtx): Value[] | null {
  const b = constInts(c, 1),
    e = constInts(c, 2);
  if (!b || !e) return null;
  const st = constInts(c, 3) ?? b.map(() => 1);
  const x = c.shapeOf(0);
  const [bm, em, ell, na, sm] = ['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'].map(
    (f) => opt(c, f),
  ) as [number, number, number, number, number];
  const offset = !!opt(c, 'offset');
  const starts: number[] = [],
    ends: number[] = [],
    axes: number[] = [],
    steps: number[] = [];
  // dims the spec names explicitly (not ellipsis, not new axes); the ellipsis covers the rest
  const named = b.filter((_, i) => !bit(ell, i) && !bit(na, i)).length;
  let axis = 0;
  for (let i = 0; i < b.length; i++) {
    if (bit(ell, i)) {
      axis += x.length - named;
      continue;
    }
    if (bit(na, i)) continue;
    const d = x[axis]!,
      s = st[i]!;
    if (bit(sm, i)) {
      const at = b[i]! < 0 ? b[i]! + d : b[i]!;
      starts.push(at);
      ends.push(at + 1);
      steps.push(1);
    } else {
      starts.push(bit(bm, i) ? (s > 0 ? 0 : SLICE_END) : b[i]!);
      const end = offset ? b[i]! + e[i]! : e[i]!;
      ends.push(bit(em, i) ? (s > 0 ? SLICE_END : -SLICE_END) : end);
      steps.push(s);
    }
    axes.push(axis++);
  }
  const y = sliceOp(c, starts, ends, axes, steps);
  return [sm || na ? reshapeTo(c, y) : y];
}

export const sliceOps: TfliteOpTable = { SLICE: slice, STRIDED_SLICE: stridedSlice };
