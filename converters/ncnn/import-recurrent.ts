/**
 * ncnn's LSTM / GRU / RNN layers as ONNX (the inverse of export-recurrent.ts): the (w = F, h = T) blob is
 * [1,T,F]; it becomes [T,1,F] for the ONNX op, whose Y [T,D,1,H] is laid back out as [1,T,D·H].
 */
import type { Value } from '../../src/ir/value.js';
import { attr, type Attrs } from '../../src/ir/attr.js';

export interface RecurrentBuild {
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, out?: string): Value;
  konst(name: string, dtype: 'float32' | 'int64', dims: number[], data: ArrayLike<number>): Value;
}

/** ONNX gate index of each ncnn gate row (LSTM: ncnn I,F,O,G ← ONNX i,o,f,c; GRU: ncnn R,U,N ← ONNX z,r,h). */
const NCNN_TO_ONNX = { LSTM: [0, 2, 1, 3], GRU: [1, 0, 2], RNN: [0] } as Record<string, number[]>;

export function recurrentToOnnx(
  b: RecurrentBuild,
  type: string,
  name: string,
  top: string,
  x: Value,
  T: number,
  F: number,
  H: number,
  direction: number,
  w: Float32Array[],
): Value {
  const order = NCNN_TO_ONNX[type]!,
    G = order.length,
    D = direction === 2 ? 2 : 1;
  const [xc, bias, hc] = w as [Float32Array, Float32Array, Float32Array];
  const W = new Float32Array(D * G * H * F),
    R = new Float32Array(D * G * H * H),
    B = new Float32Array(D * 2 * G * H);
  for (let d = 0; d < D; d++) {
    order.forEach((onnx, ncnn) => {
      W.set(xc.subarray((d * G + ncnn) * H * F, (d * G + ncnn + 1) * H * F), (d * G + onnx) * H * F);
      R.set(hc.subarray((d * G + ncnn) * H * H, (d * G + ncnn + 1) * H * H), (d * G + onnx) * H * H);
    });
    const rows = type === 'GRU' ? 4 : G,
      row = (r: number): Float32Array => bias.subarray((d * rows + r) * H, (d * rows + r + 1) * H);
    const wb = (gate: number, v: Float32Array): void => B.set(v, d * 2 * G * H + gate * H),
      rb = (gate: number, v: Float32Array): void => B.set(v, d * 2 * G * H + (G + gate) * H);
    if (type === 'GRU') {
      wb(1, row(0));
      wb(0, row(1));
      wb(2, row(2));
      rb(2, row(3));
    } // summed biases go to Wb, Rb stays 0
    else order.forEach((onnx, ncnn) => wb(onnx, row(ncnn)));
  }
  const seq = b.node('Transpose', [x], new Map([['perm', attr.ints([1, 0, 2])]]), `${top}/seq`);
  const attrs: Attrs = new Map([
    ['hidden_size', attr.int(H)],
    ['direction', attr.string(direction === 2 ? 'bidirectional' : direction === 1 ? 'reverse' : 'forward')],
  ]);
  if (type === 'GRU') attrs.set('linear_before_reset', attr.int(1));
  const y = b.node(
    type,
    [
      seq,
      b.konst(`${name}/W`, 'float32', [D, G * H, F], W),
      b.konst(`${name}/R`, 'float32', [D, G * H, H], R),
      b.konst(`${name}/B`, 'float32', [D, 2 * G * H], B),
    ],
    attrs,
    `${top}/y`,
  );
  const t = b.node('Transpose', [y], new Map([['perm', attr.ints([0, 2, 1, 3])]]), `${top}/y_t`);
  const r = b.node('Reshape', [t, b.konst(`${name}/shape`, 'int64', [3], [T, 1, D * H])], new Map(), `${top}/y_seq`);
  return b.node('Transpose', [r], new Map([['perm', attr.ints([1, 0, 2])]]), top);
}
