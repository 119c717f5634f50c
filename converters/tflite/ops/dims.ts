/** Ops on dimensions: SQUEEZE, EXPAND_DIMS, TILE, BROADCAST_TO, BROADCAST_ARGS, SHAPE, RANK, FILL, RANGE. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { optInts } from './options.js';
import { constInts, int64Input, ints64 } from './int-constants.js';
import { onnxTypeCode } from './dtype.js';

const castTo = (c: OpCtx, v: Value, tflType: string): Value =>
  tflType === 'INT64' ? v : c.node('Cast', [v], new Map([['to', attr.int(onnxTypeCode(tflType))]]))[0]!;

/** squeeze_dims, or (empty) every axis of size 1. */
function squeeze(c: OpCtx): Value[] {
  const x = c.shapeOf(0);
  const given = optInts(c, 'squeeze_dims');
  const axes = given.length ? given : x.flatMap((d, i) => (d === 1 ? [i] : []));
  return c.node('Squeeze', [c.input(0), ints64(c, 'axes', axes)]);
}

function expandDims(c: OpCtx): Value[] | null {
  const axis = constInts(c, 1);
  return axis ? c.node('Unsqueeze', [c.input(0), ints64(c, 'axes', [axis[0]!])]) : null;
}

/** The broadcast of two shapes: the shape of zeros(s0) + zeros(s1). */
function broadcastArgs(c: OpCtx): Value[] {
  const zeros = (i: number): Value => c.node('ConstantOfShape', [int64Input(c, i, `shape${i}`)])[0]!;
  const shape = c.node('Shape', [c.node('Add', [zeros(0), zeros(1)])[0]!])[0]!;
  return [castTo(c, shape, c.outTypeOf(0))];
}

function fill(c: OpCtx): Value[] {
  const value = c.node('Reshape', [c.input(1), ints64(c, 'one', [1])])[0]!;
  return c.node('Expand', [value, int64Input(c, 0, 'dims')]);
}

export const dimsOps: TfliteOpTable = {
  SQUEEZE: squeeze,
  EXPAND_DIMS: expandDims,
  TILE: (c) => c.node('Tile', [c.input(0), int64Input(c, 1, 'repeats')]),
  BROADCAST_TO: (c) => c.node('Expand', [c.input(0), int64Input(c, 1, 'shape')]),
  BROADCAST_ARGS: broadcastArgs,
  SHAPE: (c) => [castTo(c, c.node('Shape', [c.input(0)])[0]!, c.outTypeOf(0))],
  RANK: (c) => [castTo(c, c.node('Size', [c.node('Shape', [c.input(0)])[0]!])[0]!, c.outTypeOf(0))],
  FILL: fill,
  RANGE: (c) => c.node('Range', [c.input(0), c.input(1), c.input(2)]),
};
