/**
 * Scale and Bias (BVLC scale_layer.cpp, bias_layer.cpp): the factor (a blob, or the second bottom) covers input
 * axes [axis, axis + num_axes) (num_axes −1: to the end, 0: a scalar) and broadcasts over the rest; Scale may add
 * a bias (bias_term) of the same shape.
 */
import type { Value } from '../../../src/ir/value.js';
import { canonicalAxis, param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

/** The covered dims and their broadcast shape (trailing 1s) for an input of dims `x`. */
function coverage(
  x: number[],
  axis: number,
  numAxes: number,
  other: number[] | null,
): { covered: number[]; bcast: number[] } {
  const a = canonicalAxis(axis, x.length);
  const covered = other ?? (numAxes === -1 ? x.slice(a) : x.slice(a, a + numAxes));
  return { covered, bcast: [...covered, ...new Array<number>(x.length - a - covered.length).fill(1)] };
}

function operand(c: LayerCtx, key: string, blob: number, what: string): Value | null {
  const p = param(c, key);
  const x = c.shape(c.inputs[0]!);
  if (!x) return null;
  const second = c.inputs[1] ? c.shape(c.inputs[1]) : null;
  if (c.inputs[1] && !second) return null;
  const { covered, bcast } = coverage(x, p.num('axis') ?? 1, p.num('num_axes') ?? 1, second);
  if (c.inputs[1])
    return c.node('Reshape', [c.inputs[1], c.constant(`${what}_shape`, 'int64', [bcast.length], bcast)])[0]!;
  const w = c.weight(blob, covered, what);
  if (bcast.length === covered.length) return w;
  return c.node('Reshape', [w, c.constant(`${what}_shape`, 'int64', [bcast.length], bcast)])[0]!;
}

function scale(c: LayerCtx): Value[] {
  const factor = operand(c, 'scale_param', 0, 'gamma');
  if (!factor) return c.node('Mul', [c.inputs[0]!, c.inputs[1] ?? c.weight(0, [], 'gamma')]);
  const y = c.node('Mul', [c.inputs[0]!, factor])[0]!;
  if (!param(c, 'scale_param').bool('bias_term')) return [y];
  // the bias blob follows the scale blob (index 1 with a scale blob, 0 when the factor is the second bottom)
  const p = param(c, 'scale_param');
  const x = c.shape(c.inputs[0]!)!;
  const { covered, bcast } = coverage(
    x,
    p.num('axis') ?? 1,
    p.num('num_axes') ?? 1,
    c.inputs[1] ? c.shape(c.inputs[1]) : null,
  );
  const b = c.weight(c.inputs[1] ? 0 : 1, covered, 'beta');
  const shaped =
    bcast.length === covered.length
      ? b
      : c.node('Reshape', [b, c.constant('beta_shape', 'int64', [bcast.length], bcast)])[0]!;
  return c.node('Add', [y, shaped]);
}

function bias(c: LayerCtx): Value[] {
  const b = operand(c, 'bias_param', 0, 'bias');
  return c.node('Add', [c.inputs[0]!, b ?? c.inputs[1] ?? c.weight(0, [], 'bias')]);
}

export const SCALE_BIAS_OPS: CaffeLayerOp[] = [
  { types: ['Scale'], import: scale },
  { types: ['Bias'], import: bias },
];
