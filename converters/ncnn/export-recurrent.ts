/**
 * LSTM / GRU / RNN → ncnn's LSTM / GRU / RNN layers (src/layer/lstm.cpp, gru.cpp, rnn.cpp): a (w = F,
 * h = T) sequence in, (w = D·H, h = T) out, directions concatenated. Weights are stored per direction,
 * all three blobs tagged: W_xc [gates·H][F], bias [gates'][H], W_hc [gates·H][H]. Gate orders differ:
 * ONNX LSTM i,o,f,c → ncnn I,F,O,G (bias = Wb + Rb); ONNX GRU z,r,h → ncnn R,U,N with bias rows
 * R = Wb_r + Rb_r, U = Wb_z + Rb_z, WN = Wb_h, BN = Rb_h (ncnn's GRU is linear_before_reset = 1).
 */
import type { Node } from '../../src/ir/node.js';
import type { Value } from '../../src/ir/value.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';
import { knownValue } from '../../src/shape/infer.js';
import { ExportRefusal, dims, f32, layer, type LayerSink } from './export-layers.js';
import { deferredWeight } from './deferred-weight.js';
import { floatsIn } from '../../src/io/reusable-buffer.js';
import type { WeightScratch } from '../../src/io/weight-scratch.js';

const GATES = { LSTM: [0, 2, 1, 3], GRU: [1, 0, 2], RNN: [0] } as Record<string, number[]>;
const nums = (v: Value | null | undefined, what: string, ruleId: string): number[] | null => {
  if (!v) return null;
  const t = knownValue(v);
  if (!t) throw new ExportRefusal(`${what} is computed at run time`, ruleId);
  return tensorToNumbers(t);
};
/** Refuses a weight computed at run time, without reading a constant one. */
const constant = (v: Value | null | undefined, what: string, ruleId: string): void => {
  if (!v || !knownValue(v)) throw new ExportRefusal(`${what} is computed at run time`, ruleId);
};

export function recurrent(n: Node, s: LayerSink): void {
  const order = GATES[n.op]!;
  const G = order.length;
  const x = dims(n.inputs[0]),
    H = n.int('hidden_size')!,
    F = x[2]!;
  const dir = n.str('direction', 'forward'),
    D = dir === 'bidirectional' ? 2 : 1;
  if (n.int('layout', 0) !== 0 || x[1] !== 1)
    throw new ExportRefusal(`${n.op} on batch ${x[1]}: ncnn runs one sequence`, `ncnn/${n.op}-batch`);
  if (n.attrs.has('activations') || n.attrs.has('clip') || n.int('input_forget', 0))
    throw new ExportRefusal(`${n.op} with custom activations, clip or input_forget`, `ncnn/${n.op}-activations`);
  if (n.op === 'GRU' && n.int('linear_before_reset', 0) !== 1)
    throw new ExportRefusal(
      'GRU with linear_before_reset = 0: ncnn computes the reset gate after the recurrent product',
      'ncnn/GRU-linear-before-reset',
    );
  if (n.inputs[4]) {
    const sl = nums(n.inputs[4], 'sequence_lens', `ncnn/${n.op}-sequence-lens`);
    if (sl!.some((l) => l !== x[0]))
      throw new ExportRefusal(`${n.op} sequence_lens shorter than the sequence`, `ncnn/${n.op}-sequence-lens`);
  }
  for (const i of [5, 6])
    if (n.inputs[i] && nums(n.inputs[i], 'initial state', `ncnn/${n.op}-initial-state`)!.some((v) => v !== 0))
      throw new ExportRefusal(`${n.op} with a non-zero initial state`, `ncnn/${n.op}-initial-state`);
  if (n.inputs[7]) throw new ExportRefusal('LSTM peepholes', 'ncnn/LSTM-peepholes');
  const weights = `ncnn/${n.op}-weights-const`;
  constant(n.inputs[1], `${n.op} W`, weights);
  constant(n.inputs[2], `${n.op} R`, weights);
  const B = nums(n.inputs[3], `${n.op} B`, weights) ?? new Array<number>(D * 2 * G * H).fill(0);
  // W and R, the large ones, are read and put in ncnn's gate order when the .bin writer reaches them
  const inGateOrder =
    (v: Value, per: number) =>
    (scratch: WeightScratch): Float32Array => {
      const src = f32(v, scratch),
        out = floatsIn(scratch.output, D * G * per);
      for (let d = 0; d < D; d++)
        order.forEach((from, to) =>
          out.set(src.subarray((d * G + from) * per, (d * G + from + 1) * per), (d * G + to) * per),
        );
      return out;
    };
  const biasRows = n.op === 'GRU' ? 4 : G;
  const bias = new Float32Array(D * biasRows * H);
  for (let d = 0; d < D; d++) {
    const wb = (gate: number, k: number): number => B[d * 2 * G * H + gate * H + k]!,
      rb = (gate: number, k: number): number => B[d * 2 * G * H + (G + gate) * H + k]!;
    for (let k = 0; k < H; k++) {
      if (n.op === 'GRU') {
        const row = (r: number, v: number): void => {
          bias[(d * 4 + r) * H + k] = v;
        };
        row(0, wb(1, k) + rb(1, k));
        row(1, wb(0, k) + rb(0, k));
        row(2, wb(2, k));
        row(3, rb(2, k));
      } else
        order.forEach((src, dst) => {
          bias[(d * G + dst) * H + k] = wb(src, k) + rb(src, k);
        });
    }
  }
  const l = layer(
    n.op,
    n,
    s,
    [s.blob(n.inputs[0]!)],
    [
      ['num_output', H],
      ['weight_data_size', D * G * H * F],
      ['direction', dir === 'reverse' ? 1 : D === 2 ? 2 : 0],
    ],
    [
      deferredWeight(D * G * H * F, true, inGateOrder(n.inputs[1]!, H * F)),
      { data: bias, tagged: true },
      deferredWeight(D * G * H * H, true, inGateOrder(n.inputs[2]!, H * H)),
    ],
  );
  // final states (Y_h, and Y_c of an LSTM) are further tops of ncnn's layer: (w = H, h = directions) each
  const states = n.outputs.slice(1, n.op === 'LSTM' ? 3 : 2);
  if (states.some((o) => o && s.needed(o)))
    l.tops.push(...states.map((o, i) => o?.name ?? s.fresh(`${l.name}_state${i}`)));
  s.emit(l);
}
