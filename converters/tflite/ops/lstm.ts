/**
 * LSTM, UNIDIRECTIONAL_SEQUENCE_LSTM and BIDIRECTIONAL_SEQUENCE_LSTM (float kernels), with the
 * semantics of TFLite's lstm_eval (CalculateLstmGateFloat, UpdateLstmCellFloat, CalculateLstmOutputFloat):
 *   gate = act(W·x + R·h + p⊙c + b), with layer norm act(ln⊙normalize(W·x + R·h + p⊙c) + b);
 *   CIFG (no input-gate weights): i = 1 − f;  c' = clip(f⊙c + i⊙g, cell_clip);
 *   the output gate's peephole reads c';  h' = o⊙act(c'), projected clip(P·h' + pb, proj_clip) when given.
 * The plain case (no layer norm, CIFG, clipping or projection, tanh, constant float weights) is an ONNX
 * LSTM (gates iofc, peepholes iof); every other case is written out step by step. The state tensors
 * start from their variable's value (zeros); hybrid and integer kernels (int8 weights) stay foreign.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import * as step from './recurrent-steps.js';

/** One direction's input slots: gates in TFLite's order input, forget, cell, output. */
interface LstmSlots {
  inputWeights: [number, number, number, number];
  recurrentWeights: [number, number, number, number];
  /** cell-to-input, cell-to-forget, cell-to-output */
  peephole: [number, number, number];
  bias: [number, number, number, number];
  projection: number;
  projectionBias: number;
  outputState: number;
  cellState: number;
  layerNorm: [number, number, number, number] | null;
}
/** lstm.cc / unidirectional_sequence_lstm.cc input tensors 0–23. */
const UNIDIRECTIONAL: LstmSlots = {
  inputWeights: [1, 2, 3, 4],
  recurrentWeights: [5, 6, 7, 8],
  peephole: [9, 10, 11],
  bias: [12, 13, 14, 15],
  projection: 16,
  projectionBias: 17,
  outputState: 18,
  cellState: 19,
  layerNorm: [20, 21, 22, 23],
};
/** bidirectional_sequence_lstm.cc: forward 1–17, backward 18–34, states 35–38, aux input 39–47. */
const FORWARD: LstmSlots = { ...UNIDIRECTIONAL, outputState: 35, cellState: 36, layerNorm: null };
const BACKWARD: LstmSlots = {
  inputWeights: [18, 19, 20, 21],
  recurrentWeights: [22, 23, 24, 25],
  peephole: [26, 27, 28],
  bias: [29, 30, 31, 32],
  projection: 33,
  projectionBias: 34,
  outputState: 37,
  cellState: 38,
  layerNorm: null,
};
const AUX_INPUT = 39;

const TANH = 4;

function slotList(s: LstmSlots): number[] {
  return [
    ...s.inputWeights,
    ...s.recurrentWeights,
    ...s.peephole,
    ...s.bias,
    s.projection,
    s.projectionBias,
    ...(s.layerNorm ?? []),
  ];
}

interface Sequence {
  x: Value;
  steps: number;
  batch: number;
  timeAxis: number;
}

function sizes(c: OpCtx, s: LstmSlots): { cells: number; outputs: number } {
  return { cells: c.shapeOf(s.inputWeights[1])[0]!, outputs: c.shapeOf(s.recurrentWeights[1])[1]! };
}

/** ONNX LSTM is exactly TFLite's float LSTM when none of the features ONNX lacks is in use. */
function plainOnnxLstm(c: OpCtx, s: LstmSlots, clipped: boolean): boolean {
  const present = slotList(s).filter((i) => step.has(c, i));
  return (
    !clipped &&
    opt(c, 'fused_activation_function') === TANH &&
    step.has(c, s.inputWeights[0]) &&
    !step.has(c, s.projection) &&
    !(s.layerNorm && s.layerNorm.some((i) => step.has(c, i))) &&
    (s.peephole.every((i) => step.has(c, i)) || s.peephole.every((i) => !step.has(c, i))) &&
    present.every((i) => c.constData(i)?.dtype === 'float32')
  );
}

function constantRows(c: OpCtx, name: string, slots: number[], dims: number[]): Value {
  return c.constant(
    name,
    'float32',
    dims,
    slots.flatMap((i) => tensorToNumbers(c.constData(i)!)),
  );
}

function onnxLstm(c: OpCtx, s: LstmSlots, seq: Sequence, reverse: boolean): Value {
  const { cells, outputs } = sizes(c, s);
  const inputs = c.shapeOf(s.inputWeights[1])[1]!;
  const iofc = (g: number[]) => [g[0]!, g[3]!, g[1]!, g[2]!];
  const w = constantRows(c, 'W', iofc(s.inputWeights), [1, 4 * cells, inputs]);
  const r = constantRows(c, 'R', iofc(s.recurrentWeights), [1, 4 * cells, outputs]);
  const bias = c.constant(
    'B',
    'float32',
    [1, 8 * cells],
    [...iofc(s.bias).flatMap((i) => tensorToNumbers(c.constData(i)!)), ...new Array<number>(4 * cells).fill(0)],
  );
  const peep = step.has(c, s.peephole[0])
    ? constantRows(c, 'P', [s.peephole[0], s.peephole[2], s.peephole[1]], [1, 3 * cells])
    : null;
  const axis0 = c.constant('axis0', 'int64', [1], [0]);
  const h0 = c.node('Unsqueeze', [step.initialState(c, s.outputState, [seq.batch, outputs]), axis0])[0]!;
  const c0 = c.node('Unsqueeze', [step.initialState(c, s.cellState, [seq.batch, cells]), axis0])[0]!;
  const swap = (v: Value) => c.node('Transpose', [v], new Map([['perm', attr.ints([1, 0, 2])]]))[0]!;
  const x = seq.timeAxis === 0 ? seq.x : swap(seq.x);
  const attrs = new Map([
    ['hidden_size', attr.int(cells)],
    ['direction', attr.string(reverse ? 'reverse' : 'forward')],
  ]);
  const y = c.node('LSTM', [x, w, r, bias, null, h0, c0, peep], attrs)[0]!;
  const seqOut = c.node('Squeeze', [y, c.constant('dir_axis', 'int64', [1], [1])])[0]!;
  return seq.timeAxis === 0 ? seqOut : swap(seqOut);
}

/** One time step written out; returns [h', c']. */
function lstmStep(c: OpCtx, s: LstmSlots, x: Value, h: Value, cell: Value, clips: [number, number]): [Value, Value] {
  const input = (i: number) => (step.has(c, i) ? c.input(i)! : null);
  const ln = s.layerNorm && step.has(c, s.layerNorm[1]) ? s.layerNorm : null;
  const gate = (g: number, peephole: number | null, state: Value, act: (v: Value) => Value): Value => {
    let acc = step.affine(c, x, c.input(s.inputWeights[g])!, ln ? null : input(s.bias[g]));
    acc = step.add(c, acc, step.affine(c, h, c.input(s.recurrentWeights[g])!));
    if (peephole !== null && step.has(c, peephole)) acc = step.add(c, acc, step.mul(c, c.input(peephole)!, state));
    if (ln) {
      acc = step.mul(c, step.meanStddevNormalize(c, acc), c.input(ln[g])!);
      const b = input(s.bias[g]);
      if (b) acc = step.add(c, acc, b);
    }
    return act(acc);
  };
  const sigmoid = (v: Value) => c.node('Sigmoid', [v])[0]!;
  const cellAct = (v: Value) => activation(c, v);
  const forget = gate(1, s.peephole[1], cell, sigmoid);
  const inGate = step.has(c, s.inputWeights[0])
    ? gate(0, s.peephole[0], cell, sigmoid)
    : c.node('Sub', [c.constant('one', 'float32', [], [1]), forget])[0]!;
  const g = gate(2, null, cell, cellAct);
  const next = step.clipTo(c, step.add(c, step.mul(c, forget, cell), step.mul(c, inGate, g)), clips[0]);
  const out = gate(3, s.peephole[2], next, sigmoid);
  let hNext = step.mul(c, out, cellAct(next));
  if (step.has(c, s.projection))
    hNext = step.clipTo(c, step.affine(c, hNext, c.input(s.projection)!, input(s.projectionBias)), clips[1]);
  return [hNext, next];
}

function writtenOutLstm(c: OpCtx, s: LstmSlots, seq: Sequence, reverse: boolean): Value {
  const { cells, outputs } = sizes(c, s);
  const clips: [number, number] = [opt(c, 'cell_clip'), opt(c, 'proj_clip')];
  let h = step.initialState(c, s.outputState, [seq.batch, outputs]);
  let cell = step.initialState(c, s.cellState, [seq.batch, cells]);
  const xs = step.timeSteps(c, seq.x, seq.steps, seq.timeAxis);
  const hs = new Array<Value>(seq.steps);
  for (let k = 0; k < seq.steps; k++) {
    const t = reverse ? seq.steps - 1 - k : k;
    [h, cell] = lstmStep(c, s, xs[t]!, h, cell, clips);
    hs[t] = h;
  }
  return step.stackSteps(c, hs, seq.timeAxis);
}

function direction(c: OpCtx, s: LstmSlots, seq: Sequence, reverse: boolean): Value | null {
  if (!step.floatWeights(c, slotList(s)) || c.typeOf(0) !== 'FLOAT32') return null;
  const clipped = opt(c, 'cell_clip') > 0 || opt(c, 'proj_clip') > 0;
  return plainOnnxLstm(c, s, clipped) ? onnxLstm(c, s, seq, reverse) : writtenOutLstm(c, s, seq, reverse);
}

function sequence(c: OpCtx, timeMajor: boolean): Sequence {
  const x = c.shapeOf(0);
  const timeAxis = timeMajor ? 0 : 1;
  return { x: c.input(0)!, steps: x[timeAxis]!, batch: x[1 - timeAxis]!, timeAxis };
}

function unidirectional(c: OpCtx): Value[] | null {
  if (c.shapeOf(0).length !== 3) return null;
  const y = direction(c, UNIDIRECTIONAL, sequence(c, !!opt(c, 'time_major')), false);
  return y ? [y] : null;
}

/** LSTM: one step on [batch, input] (the full kernel; the 4-input BASIC kernel stays foreign). */
function singleStep(c: OpCtx): Value[] | null {
  if (opt(c, 'kernel_type') !== 0 || c.shapeOf(0).length !== 2) return null;
  const axes = c.constant('time_axis', 'int64', [1], [0]);
  const x = c.node('Unsqueeze', [c.input(0), axes])[0]!;
  const y = direction(c, UNIDIRECTIONAL, { x, steps: 1, batch: c.shapeOf(0)[0]!, timeAxis: 0 }, false);
  return y ? [c.node('Squeeze', [y, axes])[0]!] : null;
}

/** Forward and backward directions over the same input; merge_outputs concatenates them on the last axis. */
function bidirectional(c: OpCtx): Value[] | null {
  if (c.shapeOf(0).length !== 3 || step.has(c, AUX_INPUT)) return null;
  const seq = sequence(c, !!opt(c, 'time_major'));
  const fw = direction(c, FORWARD, seq, false),
    bw = direction(c, BACKWARD, seq, true);
  if (!fw || !bw) return null;
  if (opt(c, 'merge_outputs')) return c.node('Concat', [fw, bw], new Map([['axis', attr.int(-1)]]));
  return [fw, bw];
}

export const lstmOps: TfliteOpTable = {
  LSTM: singleStep,
  UNIDIRECTIONAL_SEQUENCE_LSTM: unidirectional,
  BIDIRECTIONAL_SEQUENCE_LSTM: bidirectional,
};
