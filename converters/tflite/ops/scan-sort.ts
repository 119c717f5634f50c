/** CUMSUM (exclusive, reverse) and TOPK_V2 (largest k along the last axis, sorted; int32 indices as TFLite gives). */
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';

function cumsum(c: OpCtx): Value[] {
  const axis = c.constData(1);
  const axisValue = axis
    ? c.constant('axis', 'int64', [], [tensorToNumbers(axis)[0]!])
    : c.node('Cast', [c.input(1)], new Map([['to', attr.int(7)]]))[0]!;
  const attrs = new Map([
    ['exclusive', attr.int(opt(c, 'exclusive') ? 1 : 0)],
    ['reverse', attr.int(opt(c, 'reverse') ? 1 : 0)],
  ]);
  return c.node('CumSum', [c.input(0), axisValue], attrs);
}

function topk(c: OpCtx): Value[] | null {
  const k = c.constData(1);
  const kValue = k
    ? c.constant('k', 'int64', [1], [tensorToNumbers(k)[0]!])
    : c.node(
        'Cast',
        [c.node('Reshape', [c.input(1), c.constant('k_shape', 'int64', [1], [1])])[0]!],
        new Map([['to', attr.int(7)]]),
      )[0]!;
  const attrs = new Map([
    ['axis', attr.int(-1)],
    ['largest', attr.int(1)],
    ['sorted', attr.int(1)],
  ]);
  const [values, indices] = c.node('TopK', [c.input(0), kValue], attrs, '', 2);
  return [values!, c.node('Cast', [indices!], new Map([['to', attr.int(6)]]))[0]!];
}

export const scanSortOps: TfliteOpTable = { CUMSUM: cumsum, TOPK_V2: topk };
