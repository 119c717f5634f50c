/**
 * SVDF (float kernel; reference svdf EvalFloatSVDF): the state [batch, filters·memory] shifts left by one
 * column, its last column becomes W_feature·x; each filter's output is Σ_m state[f, m]·W_time[f, m];
 * unit u sums its `rank` filters, adds the bias and applies the fused activation. The state starts from
 * its variable's value (zeros). Hybrid and integer kernels (int8 weights or input) stay foreign.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import * as step from './recurrent-steps.js';

const INPUT = 0,
  WEIGHTS_FEATURE = 1,
  WEIGHTS_TIME = 2,
  BIAS = 3,
  STATE = 4;

function svdf(c: OpCtx): Value[] | null {
  const x = c.shapeOf(INPUT);
  if (x.length !== 2 || c.typeOf(INPUT) !== 'FLOAT32') return null;
  if (!step.floatWeights(c, [WEIGHTS_FEATURE, WEIGHTS_TIME, BIAS])) return null;
  const batch = x[0]!;
  const [filters, memory] = c.shapeOf(WEIGHTS_TIME) as [number, number];
  const rank = opt(c, 'rank');
  if (!(rank > 0) || filters % rank) return null;
  const shape = (name: string, dims: number[]) => c.constant(name, 'int64', [dims.length], dims);
  const state = c.node('Reshape', [
    step.initialState(c, STATE, [batch, filters * memory]),
    shape('state_shape', [batch, filters, memory]),
  ])[0]!;
  const kept = c.node('Slice', [
    state,
    shape('keep_start', [1]),
    shape('keep_end', [memory]),
    shape('keep_axis', [2]),
  ])[0]!;
  const feature = c.node('Unsqueeze', [
    step.affine(c, c.input(INPUT)!, c.input(WEIGHTS_FEATURE)!),
    shape('new_column', [2]),
  ])[0]!;
  const next = c.node('Concat', [kept, feature], new Map([['axis', attr.int(2)]]))[0]!;
  const perFilter = c.node(
    'ReduceSum',
    [step.mul(c, next, c.input(WEIGHTS_TIME)!), shape('memory_axis', [2])],
    new Map([['keepdims', attr.int(0)]]),
  )[0]!;
  const units = filters / rank;
  let y = c.node(
    'ReduceSum',
    [c.node('Reshape', [perFilter, shape('rank_shape', [batch, units, rank])])[0]!, shape('rank_axis', [2])],
    new Map([['keepdims', attr.int(0)]]),
  )[0]!;
  if (step.has(c, BIAS)) y = step.add(c, y, c.input(BIAS)!);
  return [activation(c, y)];
}

export const svdfOps: TfliteOpTable = { SVDF: svdf };
