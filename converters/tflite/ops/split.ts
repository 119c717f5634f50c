/** SPLIT, SPLIT_V, UNPACK (Split + Squeeze) and PACK (Unsqueeze + Concat). */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { constInts, ints64 } from './int-constants.js';

const norm = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

function split(c: OpCtx): Value[] | null {
  const axis = constInts(c, 0);
  if (!axis) return null;
  const n = c.op.outputs.length;
  return c.node('Split', [c.input(1)], new Map([['axis', attr.int(axis[0]!)]]), '', n);
}

function splitV(c: OpCtx): Value[] | null {
  const sizes = constInts(c, 1),
    axisV = constInts(c, 2);
  if (!sizes || !axisV) return null;
  const x = c.shapeOf(0),
    axis = norm(axisV[0]!, x.length);
  const known = sizes.filter((s) => s >= 0).reduce((a, b) => a + b, 0);
  const full = sizes.map((s) => (s < 0 ? x[axis]! - known : s));
  return c.node('Split', [c.input(0), ints64(c, 'split', full)], new Map([['axis', attr.int(axis)]]), '', full.length);
}

function unpack(c: OpCtx): Value[] {
  const axis = opt(c, 'axis'),
    n = c.op.outputs.length;
  const parts = n === 1 ? [c.input(0)!] : c.node('Split', [c.input(0)], new Map([['axis', attr.int(axis)]]), '', n);
  return parts.map((p) => c.node('Squeeze', [p, ints64(c, 'axes', [axis])])[0]!);
}

function pack(c: OpCtx): Value[] {
  const axis = opt(c, 'axis');
  const parts = c.op.inputs.map((_, i) => c.node('Unsqueeze', [c.input(i), ints64(c, 'axes', [axis])])[0]!);
  return parts.length === 1 ? parts : c.node('Concat', parts, new Map([['axis', attr.int(axis)]]));
}

export const splitOps: TfliteOpTable = { SPLIT: split, SPLIT_V: splitV, UNPACK: unpack, PACK: pack };
