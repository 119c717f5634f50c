/**
 * Building blocks of the recurrent ops written out step by step (the sequence length is static): the
 * sequence split into time steps and stacked back, a gate's affine map, TFLite's layer normalisation,
 * and the initial state of a variable state tensor.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx } from './op-context.js';

/** tensor_utils::MeanStddevNormalization's constant: (x − mean) / √(variance + 1e-8). */
const LAYER_NORM_EPSILON = 1e-8;

/** Input i is present (not −1 and not beyond the operator's inputs). */
export function has(c: OpCtx, i: number): boolean {
  return c.op.inputs[i] !== undefined && c.op.inputs[i]! >= 0;
}

/** Weights the float kernel reads as floats: a float32 tensor (constant or computed), never int8 (hybrid kernels). */
export function floatWeights(c: OpCtx, indices: number[]): boolean {
  return indices.every((i) => !has(c, i) || c.typeOf(i) === 'FLOAT32');
}

/** The sequence [T, B, I] (time major) or [B, T, I] as T values [B, I]. */
export function timeSteps(c: OpCtx, x: Value, steps: number, timeAxis: number): Value[] {
  const axes = c.constant('time_axis', 'int64', [1], [timeAxis]);
  const parts = steps === 1 ? [x] : c.node('Split', [x], new Map([['axis', attr.int(timeAxis)]]), '', steps);
  return parts.map((p) => c.node('Squeeze', [p, axes])[0]!);
}

/** T values [B, H] stacked on the time axis. */
export function stackSteps(c: OpCtx, hs: Value[], timeAxis: number): Value {
  const axes = c.constant('stack_axis', 'int64', [1], [timeAxis]);
  const parts = hs.map((h) => c.node('Unsqueeze', [h, axes])[0]!);
  return parts.length === 1 ? parts[0]! : c.node('Concat', parts, new Map([['axis', attr.int(timeAxis)]]))[0]!;
}

/** x·Wᵀ (+ bias) for a weight [units, in]. */
export function affine(c: OpCtx, x: Value, w: Value, bias: Value | null = null): Value {
  return c.node('Gemm', [x, w, bias], new Map([['transB', attr.int(1)]]))[0]!;
}

export function add(c: OpCtx, a: Value, b: Value): Value {
  return c.node('Add', [a, b])[0]!;
}
export function mul(c: OpCtx, a: Value, b: Value): Value {
  return c.node('Mul', [a, b])[0]!;
}

/** TFLite's layer norm over the last axis (population variance, epsilon 1e-8), without scale or bias. */
export function meanStddevNormalize(c: OpCtx, x: Value): Value {
  const reduce = (v: Value) =>
    c.node(
      'ReduceMean',
      [v],
      new Map([
        ['axes', attr.ints([-1])],
        ['keepdims', attr.int(1)],
      ]),
    )[0]!;
  const d = c.node('Sub', [x, reduce(x)])[0]!;
  const variance = reduce(mul(c, d, d));
  const std = c.node('Sqrt', [add(c, variance, c.constant('ln_epsilon', 'float32', [], [LAYER_NORM_EPSILON]))])[0]!;
  return c.node('Div', [d, std])[0]!;
}

/** Clamp to [−limit, limit] (TFLite's cell_clip / proj_clip; 0 means none). */
export function clipTo(c: OpCtx, x: Value, limit: number): Value {
  if (!(limit > 0)) return x;
  return c.node('Clip', [
    x,
    c.constant('clip_min', 'float32', [], [-limit]),
    c.constant('clip_max', 'float32', [], [limit]),
  ])[0]!;
}

/**
 * Initial value of a state input: a variable tensor starts at its stored data or zeros (the first
 * invocation after the interpreter allocates it); a state fed as a graph input or computed is used as is.
 */
export function initialState(c: OpCtx, i: number, dims: number[]): Value {
  if (c.isVariable(i) && !c.constData(i)) {
    const n = dims.reduce((a, b) => a * b, 1);
    return c.constant(`state_${i}`, 'float32', dims, new Array<number>(n).fill(0));
  }
  return c.input(i)!;
}
