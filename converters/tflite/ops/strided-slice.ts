/** STRIDED_SLICE with begin/end/shrink masks (ellipsis and new-axis masks stay foreign). */
import type { Value } from '../../../src/ir/value.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';

function stridedSlice(c: OpCtx): Value[] | null {
  if (opt(c, 'ellipsis_mask') || opt(c, 'new_axis_mask')) return null;
  const b = tensorToNumbers(c.constData(1)!),
    e = tensorToNumbers(c.constData(2)!),
    st = c.constData(3) ? tensorToNumbers(c.constData(3)!) : b.map(() => 1);
  const bm = opt(c, 'begin_mask'),
    em = opt(c, 'end_mask'),
    sm = opt(c, 'shrink_axis_mask');
  const big = 2 ** 31 - 1;
  const starts = b.map((v, i) => (bm & (1 << i) ? (st[i]! > 0 ? 0 : big) : v));
  const ends = e.map((v, i) =>
    sm & (1 << i) ? (b[i]! === -1 ? big : b[i]! + 1) : em & (1 << i) ? (st[i]! > 0 ? big : -big) : v,
  );
  const n = starts.length;
  let y = c.node('Slice', [
    c.input(0)!,
    c.constant('starts', 'int64', [n], starts),
    c.constant('ends', 'int64', [n], ends),
    c.constant('axes', 'int64', [n], [...Array(n).keys()]),
    c.constant('steps', 'int64', [n], st),
  ])[0]!;
  const shrink = [...Array(n).keys()].filter((i) => sm & (1 << i));
  if (shrink.length) y = c.node('Squeeze', [y, c.constant('squeeze', 'int64', [shrink.length], shrink)])[0]!;
  return [y];
}

export const stridedSliceOps: TfliteOpTable = { STRIDED_SLICE: stridedSlice };
