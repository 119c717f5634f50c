/** MIRROR_PAD (REFLECT: ONNX Pad reflect; SYMMETRIC: reversed edge slices concatenated) and REVERSE_V2. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { constInts, ints64, SLICE_END } from './int-constants.js';

function reversed(c: OpCtx, x: Value, axes: number[]): Value {
  return c.node('Slice', [
    x,
    ints64(
      c,
      'starts',
      axes.map(() => -1),
    ),
    ints64(
      c,
      'ends',
      axes.map(() => -SLICE_END),
    ),
    ints64(c, 'axes', axes),
    ints64(
      c,
      'steps',
      axes.map(() => -1),
    ),
  ])[0]!;
}

function slice(c: OpCtx, x: Value, axis: number, start: number, end: number): Value {
  return c.node('Slice', [x, ints64(c, 'starts', [start]), ints64(c, 'ends', [end]), ints64(c, 'axes', [axis])])[0]!;
}

function mirrorPad(c: OpCtx): Value[] | null {
  const p = constInts(c, 1);
  if (!p) return null;
  const rank = p.length / 2;
  if (opt(c, 'mode') === 0) {
    const pads = [...Array(rank).keys()]
      .map((i) => p[2 * i]!)
      .concat([...Array(rank).keys()].map((i) => p[2 * i + 1]!));
    return c.node('Pad', [c.input(0), ints64(c, 'pads', pads)], new Map([['mode', attr.string('reflect')]]));
  }
  // SYMMETRIC: the edge row itself is repeated: before = reverse(x[0:b]), after = reverse(x[n−a:n])
  let y = c.input(0)!;
  for (let axis = 0; axis < rank; axis++) {
    const before = p[2 * axis]!,
      after = p[2 * axis + 1]!;
    if (!before && !after) continue;
    const parts: Value[] = [];
    if (before) parts.push(reversed(c, slice(c, y, axis, 0, before), [axis]));
    parts.push(y);
    if (after) parts.push(reversed(c, slice(c, y, axis, -after, SLICE_END), [axis]));
    y = c.node('Concat', parts, new Map([['axis', attr.int(axis)]]))[0]!;
  }
  return [y];
}

function reverse(c: OpCtx): Value[] | null {
  const axes = constInts(c, 1);
  return axes ? [reversed(c, c.input(0)!, axes)] : null;
}

export const mirrorReverseOps: TfliteOpTable = { MIRROR_PAD: mirrorPad, REVERSE_V2: reverse };
