/**
 * Interior padding: DILATE (k−1 copies of the padding value between neighbours along each axis, output
 * (d−1)·k+1) and STABLEHLO_PAD (interior padding, then edge padding low/high, negative edges cropping).
 * Each dilated axis is an Unsqueeze + Pad with the value + Reshape that interleaves the padding, then a Slice
 * dropping the trailing padding; every element is copied, never computed.
 */
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { optLongs } from './options.js';
import { constInts, ints64 } from './int-constants.js';

/** x (of static `shape`) with k−1 padding values between neighbours along every axis whose factor k > 1. */
export function dilate(c: OpCtx, x: Value, shape: number[], factors: number[], padValue: Value): [Value, number[]] {
  let y = x;
  const dims = [...shape];
  factors.forEach((k, axis) => {
    const d = dims[axis]!;
    if (k <= 1 || d === 0) return;
    const spread = c.node('Unsqueeze', [y, ints64(c, 'axes', [axis + 1])])[0]!;
    const pads = new Array<number>(2 * (dims.length + 1)).fill(0);
    pads[dims.length + 1 + axis + 1] = k - 1;
    const padded = c.node('Pad', [spread, ints64(c, 'pads', pads), padValue])[0]!;
    const merged = dims.map((n, i) => (i === axis ? n * k : n));
    const flat = c.node('Reshape', [padded, ints64(c, 'shape', merged)])[0]!;
    const size = (d - 1) * k + 1;
    y = c.node('Slice', [flat, ints64(c, 'starts', [0]), ints64(c, 'ends', [size]), ints64(c, 'axes', [axis])])[0]!;
    dims[axis] = size;
  });
  return [y, dims];
}

function dilateOp(c: OpCtx): Value[] | null {
  const factors = constInts(c, 1);
  if (!factors) return null;
  return [dilate(c, c.input(0)!, c.shapeOf(0), factors, c.input(2)!)[0]];
}

/** STABLEHLO_PAD: interior padding, then positive edges padded with the value and negative edges cropped. */
function stablehloPad(c: OpCtx): Value[] {
  const low = optLongs(c, 'edge_padding_low'),
    high = optLongs(c, 'edge_padding_high'),
    interior = optLongs(c, 'interior_padding');
  const shape = c.shapeOf(0);
  const value = c.input(1)!;
  const [dilated, dims] = dilate(
    c,
    c.input(0)!,
    shape,
    shape.map((_, i) => (interior[i] ?? 0) + 1),
    value,
  );
  const grow = [...dims.map((_, i) => Math.max(0, low[i] ?? 0)), ...dims.map((_, i) => Math.max(0, high[i] ?? 0))];
  const padded = grow.some((p) => p > 0) ? c.node('Pad', [dilated, ints64(c, 'pads', grow), value])[0]! : dilated;
  const crop = dims.map((_, i) => (low[i] ?? 0) < 0 || (high[i] ?? 0) < 0);
  if (!crop.some(Boolean)) return [padded];
  const axes = dims.map((_, i) => i).filter((i) => crop[i]);
  const starts = axes.map((i) => Math.max(0, -(low[i] ?? 0)));
  const ends = axes.map((i) => dims[i]! + grow[i]! + grow[dims.length + i]! - Math.max(0, -(high[i] ?? 0)));
  return c.node('Slice', [padded, ints64(c, 'starts', starts), ints64(c, 'ends', ends), ints64(c, 'axes', axes)]);
}

export const interiorPadOps: TfliteOpTable = {
  DILATE: dilateOp,
  STABLEHLO_PAD: stablehloPad,
};
