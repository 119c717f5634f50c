/**
 * RNN, UNIDIRECTIONAL_SEQUENCE_RNN, BIDIRECTIONAL_SEQUENCE_RNN (float kernels; kernel_utils RnnBatchStep):
 * h' = act(x·Wᵀ + b + h·Rᵀ), the output at each step is h'. With tanh or relu it is ONNX RNN (exactly
 * the same recurrence), otherwise written out step by step. States start from their variable's value
 * (zeros); hybrid kernels (int8 weights) stay foreign.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import * as step from './recurrent-steps.js';

/** Input slots of one direction: weights [units, input], recurrent weights [units, units], bias, state. */
interface RnnSlots {
  weights: number;
  recurrent: number;
  bias: number;
  state: number;
}
const UNIDIRECTIONAL: RnnSlots = { weights: 1, recurrent: 2, bias: 3, state: 4 };
/** bidirectional_sequence_rnn.cc: forward 1–4, backward 5–8, aux input 9–11. */
const BACKWARD: RnnSlots = { weights: 5, recurrent: 6, bias: 7, state: 8 };
const AUX_INPUT = 9;

/** ActivationFunctionType → ONNX RNN activation, where ONNX has the same function. */
const ONNX_ACTIVATION: Record<number, string> = { 1: 'Relu', 4: 'Tanh' };

interface Sequence {
  x: Value;
  steps: number;
  batch: number;
  timeAxis: number;
}

function onnxRnn(c: OpCtx, s: RnnSlots, seq: Sequence, reverse: boolean, act: string): Value {
  const [units, inputs] = c.shapeOf(s.weights) as [number, number];
  const data = (i: number) => tensorToNumbers(c.constData(i)!);
  const w = c.constant('W', 'float32', [1, units, inputs], data(s.weights));
  const r = c.constant('R', 'float32', [1, units, units], data(s.recurrent));
  const b = c.constant('B', 'float32', [1, 2 * units], [...data(s.bias), ...new Array<number>(units).fill(0)]);
  const axis0 = c.constant('axis0', 'int64', [1], [0]);
  const h0 = c.node('Unsqueeze', [step.initialState(c, s.state, [seq.batch, units]), axis0])[0]!;
  const swap = (v: Value) => c.node('Transpose', [v], new Map([['perm', attr.ints([1, 0, 2])]]))[0]!;
  const attrs = new Map([
    ['hidden_size', attr.int(units)],
    ['activations', attr.strings([act])],
    ['direction', attr.string(reverse ? 'reverse' : 'forward')],
  ]);
  const y = c.node('RNN', [seq.timeAxis === 0 ? seq.x : swap(seq.x), w, r, b, null, h0], attrs)[0]!;
  const out = c.node('Squeeze', [y, c.constant('dir_axis', 'int64', [1], [1])])[0]!;
  return seq.timeAxis === 0 ? out : swap(out);
}

function writtenOutRnn(c: OpCtx, s: RnnSlots, seq: Sequence, reverse: boolean): Value {
  const units = c.shapeOf(s.weights)[0]!;
  let h = step.initialState(c, s.state, [seq.batch, units]);
  const xs = step.timeSteps(c, seq.x, seq.steps, seq.timeAxis);
  const hs = new Array<Value>(seq.steps);
  for (let k = 0; k < seq.steps; k++) {
    const t = reverse ? seq.steps - 1 - k : k;
    const pre = step.affine(c, xs[t]!, c.input(s.weights)!, c.input(s.bias));
    h = activation(c, step.add(c, pre, step.affine(c, h, c.input(s.recurrent)!)));
    hs[t] = h;
  }
  return step.stackSteps(c, hs, seq.timeAxis);
}

function direction(c: OpCtx, s: RnnSlots, seq: Sequence, reverse: boolean): Value | null {
  const slots = [s.weights, s.recurrent, s.bias];
  if (!step.floatWeights(c, slots) || c.typeOf(0) !== 'FLOAT32') return null;
  const act = ONNX_ACTIVATION[opt(c, 'fused_activation_function')];
  const constant = slots.every((i) => c.constData(i)?.dtype === 'float32');
  return act && constant ? onnxRnn(c, s, seq, reverse, act) : writtenOutRnn(c, s, seq, reverse);
}

function sequence(c: OpCtx, timeMajor: boolean): Sequence {
  const x = c.shapeOf(0);
  const timeAxis = timeMajor ? 0 : 1;
  return { x: c.input(0)!, steps: x[timeAxis]!, batch: x[1 - timeAxis]!, timeAxis };
}

function singleStep(c: OpCtx): Value[] | null {
  if (c.shapeOf(0).length !== 2) return null;
  const axes = c.constant('time_axis', 'int64', [1], [0]);
  const x = c.node('Unsqueeze', [c.input(0), axes])[0]!;
  const y = direction(c, UNIDIRECTIONAL, { x, steps: 1, batch: c.shapeOf(0)[0]!, timeAxis: 0 }, false);
  return y ? [c.node('Squeeze', [y, axes])[0]!] : null;
}

function unidirectional(c: OpCtx): Value[] | null {
  if (c.shapeOf(0).length !== 3) return null;
  const y = direction(c, UNIDIRECTIONAL, sequence(c, !!opt(c, 'time_major')), false);
  return y ? [y] : null;
}

function bidirectional(c: OpCtx): Value[] | null {
  if (c.shapeOf(0).length !== 3 || step.has(c, AUX_INPUT)) return null;
  const seq = sequence(c, !!opt(c, 'time_major'));
  const fw = direction(c, UNIDIRECTIONAL, seq, false),
    bw = direction(c, BACKWARD, seq, true);
  if (!fw || !bw) return null;
  if (opt(c, 'merge_outputs')) return c.node('Concat', [fw, bw], new Map([['axis', attr.int(-1)]]));
  return [fw, bw];
}

export const rnnOps: TfliteOpTable = {
  RNN: singleStep,
  UNIDIRECTIONAL_SEQUENCE_RNN: unidirectional,
  BIDIRECTIONAL_SEQUENCE_RNN: bidirectional,
};
