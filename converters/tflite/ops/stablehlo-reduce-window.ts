/**
 * STABLEHLO_REDUCE_WINDOW(operand, init) with a body that adds, multiplies, or takes the max or min: the
 * operand is base-dilated and edge-padded with the init value (negative padding crops), then every window
 * position is one strided Slice, folded in window order from the init value with the body's op. Windows of
 * more than WINDOW_LIMIT elements stay foreign (one Slice per window element).
 */
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt, optLongs } from './options.js';
import { ints64 } from './int-constants.js';
import { combinerOf, type Combiner } from './region-computation.js';
import { dilate } from './interior-pad.js';

const WINDOW_LIMIT = 256;
const FOLD: Record<Exclude<Combiner, 'replace'>, string> = { add: 'Add', mul: 'Mul', max: 'Max', min: 'Min' };
const count = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/** x (dims) with low/high edges per axis: positive ones padded with the value, negative ones cropped. */
function edges(c: OpCtx, x: Value, dims: number[], low: number[], high: number[], value: Value): [Value, number[]] {
  const grow = [...low.map((p) => Math.max(0, p)), ...high.map((p) => Math.max(0, p))];
  const padded = grow.some((p) => p > 0) ? c.node('Pad', [x, ints64(c, 'pads', grow), value])[0]! : x;
  const out = dims.map((d, i) => d + low[i]! + high[i]!);
  if (!low.some((p) => p < 0) && !high.some((p) => p < 0)) return [padded, out];
  const starts = low.map((p) => Math.max(0, -p));
  const ends = starts.map((s, i) => s + out[i]!);
  const cropped = c.node('Slice', [padded, ints64(c, 'starts', starts), ints64(c, 'ends', ends)])[0]!;
  return [cropped, out];
}

function reduceWindow(c: OpCtx): Value[] | null {
  const combiner = combinerOf(c.subgraph(opt(c, 'body_subgraph_index')));
  if (!combiner || combiner === 'replace') return null;
  const shape = c.shapeOf(0),
    rank = shape.length;
  const ones = shape.map(() => 1);
  const or = (v: number[]): number[] => (v.length ? v : ones);
  const window = optLongs(c, 'window_dimensions'),
    strides = or(optLongs(c, 'window_strides')),
    baseDilation = or(optLongs(c, 'base_dilations')),
    windowDilation = or(optLongs(c, 'window_dilations')),
    padding = optLongs(c, 'padding');
  if (window.length !== rank || count(window) > WINDOW_LIMIT) return null;
  const init = c.input(1)!;
  const [dilated, dilatedDims] = dilate(c, c.input(0)!, shape, baseDilation, init);
  const low = shape.map((_, i) => padding[2 * i] ?? 0),
    high = shape.map((_, i) => padding[2 * i + 1] ?? 0);
  const [x, dims] = edges(c, dilated, dilatedDims, low, high, init);
  const span = window.map((w, i) => (w - 1) * windowDilation[i]! + 1);
  const out = dims.map((d, i) => (d < span[i]! ? 0 : Math.floor((d - span[i]!) / strides[i]!) + 1));
  let acc: Value = init;
  for (let k = 0; k < count(window); k++) {
    let rest = k;
    const offset = new Array<number>(rank).fill(0);
    for (let i = rank - 1; i >= 0; i--) {
      offset[i] = rest % window[i]!;
      rest = Math.floor(rest / window[i]!);
    }
    const starts = offset.map((o, i) => o * windowDilation[i]!);
    const ends = starts.map((s, i) => s + (out[i]! - 1) * strides[i]! + 1);
    const piece = c.node('Slice', [
      x,
      ints64(c, 'starts', starts),
      ints64(c, 'ends', ends),
      ints64(c, 'axes', [...shape.keys()]),
      ints64(c, 'steps', strides),
    ])[0]!;
    acc = c.node(FOLD[combiner], [acc, piece])[0]!;
  }
  return [acc];
}

export const stablehloReduceWindowOps: TfliteOpTable = { STABLEHLO_REDUCE_WINDOW: reduceWindow };
