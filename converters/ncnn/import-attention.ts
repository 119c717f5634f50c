/**
 * ncnn's MultiHeadAttention (self-attention: one bottom blob [T, E]) as ONNX ops: q/k/v projections
 * (weights stored [E_out][E_in]), q scaled, heads as contiguous chunks of E, softmax over keys, output
 * projection (src/layer/multiheadattention.cpp).
 */
import type { Value } from '../../src/ir/value.js';
import { attr, type Attrs } from '../../src/ir/attr.js';

export interface AttentionBuild {
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, out?: string): Value;
  konst(name: string, dtype: 'float32' | 'int64', dims: number[], data: ArrayLike<number>): Value;
}

/** The transpose of a [rows][cols] row-major matrix. */
function transposed(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c]!;
  return t;
}

export function attentionToOnnx(
  b: AttentionBuild,
  name: string,
  top: string,
  x: Value,
  T: number,
  E: number,
  H: number,
  scale: number,
  w: Float32Array[],
): Value {
  const [qw, qb, kw, kb, vw, vb, ow, ob] = w as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const hd = E / H;
  const proj = (tag: string, wt: Float32Array, bias: Float32Array, input: Value): Value => {
    const m = b.node(
      'MatMul',
      [input, b.konst(`${name}/${tag}_weight`, 'float32', [E, E], transposed(wt, E, E))],
      new Map(),
      `${top}/${tag}_mm`,
    );
    return b.node('Add', [m, b.konst(`${name}/${tag}_bias`, 'float32', [E], bias)], new Map(), `${top}/${tag}`);
  };
  const split = (tag: string, v: Value, perm: number[]): Value => {
    const r = b.node(
      'Reshape',
      [v, b.konst(`${name}/${tag}_heads`, 'int64', [4], [1, T, H, hd])],
      new Map(),
      `${top}/${tag}_r`,
    );
    return b.node('Transpose', [r], new Map([['perm', attr.ints(perm)]]), `${top}/${tag}_t`);
  };
  const q0 = proj('q', qw, qb, x);
  const q = split(
    'q',
    b.node('Mul', [q0, b.konst(`${name}/scale`, 'float32', [], [scale])], new Map(), `${top}/q_scaled`),
    [0, 2, 1, 3],
  );
  const k = split('k', proj('k', kw, kb, x), [0, 2, 3, 1]);
  const v = split('v', proj('v', vw, vb, x), [0, 2, 1, 3]);
  const att = b.node(
    'Softmax',
    [b.node('MatMul', [q, k], new Map(), `${top}/qk`)],
    new Map([['axis', attr.int(-1)]]),
    `${top}/attn`,
  );
  const ctx = b.node(
    'Transpose',
    [b.node('MatMul', [att, v], new Map(), `${top}/av`)],
    new Map([['perm', attr.ints([0, 2, 1, 3])]]),
    `${top}/ctx_t`,
  );
  const merged = b.node('Reshape', [ctx, b.konst(`${name}/merge`, 'int64', [3], [1, T, E])], new Map(), `${top}/ctx`);
  const o = b.node(
    'MatMul',
    [merged, b.konst(`${name}/out_weight`, 'float32', [E, E], transposed(ow, E, E))],
    new Map(),
    `${top}/out_mm`,
  );
  return b.node('Add', [o, b.konst(`${name}/out_bias`, 'float32', [E], ob)], new Map(), top);
}
