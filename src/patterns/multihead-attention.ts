/**
 * torch.nn.MultiheadAttention as PyTorch's ONNX exporter writes it for batch 1 (self-attention, no mask):
 *
 *   x[1,T,E] → Transpose(1,0,2) → MatMul(W_in[E,3E]) → Add(b_in[3E]) → Slice q | k | v (last axis, E each)
 *   q → Reshape[T,H,E/H] → Transpose(1,0,2) → Div(√(E/H)) (or Mul)   k → Reshape → Transpose(1,2,0)
 *   v → Reshape → Transpose(1,0,2);  MatMul(q,k) → Softmax(last) → MatMul(·,v) → Transpose(1,0,2)
 *   → Reshape[T,E] → Gemm(W_out, b_out) → Reshape[T,1,E] → Transpose(1,0,2) → y[1,T,E]
 *
 * Targets with a fused attention layer (ncnn's MultiHeadAttention) run the whole region at once; its
 * transposes across axis 0 are then no obstacle. Source of the layout: torch/nn/functional.py
 * multi_head_attention_forward (in_proj packed q,k,v; heads are contiguous chunks of E).
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { knownValue } from '../shape/infer.js';
import { tensorToFloat32, tensorToNumbers } from '../ir/typed-data.js';

export interface MultiheadAttention {
  nodes: Set<Node>;
  input: Value;
  output: Value;
  embedDim: number;
  heads: number;
  /** Scale applied to q·Wq + bq (1/√(E/H) in PyTorch). */
  scale: number;
  /**
   * [E_out][E_in] row-major, as ncnn and PyTorch store Linear weights; computed from the model's tensors on
   * each read (nothing is kept: finding the region reads no weights, and a writer reads one at a time).
   */
  readonly qWeight: Float32Array;
  readonly kWeight: Float32Array;
  readonly vWeight: Float32Array;
  readonly outWeight: Float32Array;
  qBias: Float32Array;
  kBias: Float32Array;
  vBias: Float32Array;
  outBias: Float32Array;
}

const nums = (v: Value | null | undefined): number[] | null => {
  const t = v ? knownValue(v) : null;
  return t ? tensorToNumbers(t) : null;
};
/** Weights as float32 (a view when they are stored as float32, no copy). */
const floats = (v: Value | null | undefined): Float32Array | null => {
  const t = v ? knownValue(v) : null;
  return t ? tensorToFloat32(t) : null;
};
const perm = (n: Node | undefined, p: string): boolean =>
  !!n && n.op === 'Transpose' && n.ints('perm')?.join(',') === p;
/** The only consumer of a value (null when it has several, none, or is a graph output). */
function only(v: Value | null | undefined, g: Graph): Node | null {
  return v && v.consumers.length === 1 && !g.outputs.includes(v) ? v.consumers[0]! : null;
}
/** Other input of a binary node than `v`. */
const other = (n: Node, v: Value): Value | null => (n.inputs[0] === v ? n.inputs[1]! : n.inputs[0]!) ?? null;

function match(t0: Node, g: Graph): MultiheadAttention | null {
  const seen = new Set<Node>([t0]);
  const take = <T extends Node | null>(n: T): T => {
    if (n) seen.add(n);
    return n;
  };
  const x = t0.inputs[0],
    xs = x?.shape;
  if (
    !x ||
    !perm(t0, '1,0,2') ||
    !xs ||
    xs.length !== 3 ||
    xs[0] !== 1 ||
    typeof xs[1] !== 'number' ||
    typeof xs[2] !== 'number'
  )
    return null;
  const T = xs[1],
    E = xs[2];
  const mm = take(only(t0.outputs[0], g));
  if (!mm || mm.op !== 'MatMul' || mm.inputs[0] !== t0.outputs[0]) return null;
  const winT = knownValue(mm.inputs[1]!);
  if (!winT || winT.count !== E * 3 * E) return null;
  const add = take(only(mm.outputs[0], g));
  if (!add || add.op !== 'Add') return null;
  const bin = floats(other(add, mm.outputs[0]!));
  if (!bin || bin.length !== 3 * E) return null;
  const qkv = add.outputs[0]!;
  if (qkv.consumers.length !== 3 || g.outputs.includes(qkv)) return null;
  const parts = new Map<number, Node>();
  for (const s of qkv.consumers) {
    const st = nums(s.inputs[1]),
      en = nums(s.inputs[2]),
      ax = nums(s.inputs[3]);
    if (
      s.op !== 'Slice' ||
      !st ||
      !en ||
      st.length !== 1 ||
      (ax && ax[0] !== -1 && ax[0] !== 2) ||
      (s.inputs[4] && nums(s.inputs[4])?.[0] !== 1)
    )
      return null;
    if (Math.min(en[0]!, 3 * E) - st[0]! !== E || st[0]! % E) return null;
    parts.set(st[0]! / E, take(s));
  }
  if (parts.size !== 3) return null;
  /** Slice → Reshape [T,H,hd] → Transpose(p) */
  const heads = (s: Node, p: string): { out: Value; H: number } | null => {
    const r = take(only(s.outputs[0], g)),
      rs = r?.outputs[0]?.shape;
    if (
      !r ||
      r.op !== 'Reshape' ||
      !rs ||
      rs.length !== 3 ||
      rs[0] !== T ||
      typeof rs[1] !== 'number' ||
      (rs[1] as number) * (rs[2] as number) !== E
    )
      return null;
    const t = take(only(r.outputs[0], g));
    return t && perm(t, p) ? { out: t.outputs[0]!, H: rs[1] as number } : null;
  };
  const q = heads(parts.get(0)!, '1,0,2'),
    k = heads(parts.get(1)!, '1,2,0'),
    v = heads(parts.get(2)!, '1,0,2');
  if (!q || !k || !v || q.H !== k.H || q.H !== v.H) return null;
  const H = q.H;
  const sc = take(only(q.out, g));
  if (!sc || (sc.op !== 'Div' && sc.op !== 'Mul') || sc.inputs[0] !== q.out) return null;
  const c = nums(sc.inputs[1]);
  if (!c || c.length !== 1) return null;
  const scale = sc.op === 'Div' ? 1 / c[0]! : c[0]!;
  const qk = take(only(sc.outputs[0], g));
  if (
    !qk ||
    qk.op !== 'MatMul' ||
    qk.inputs[0] !== sc.outputs[0] ||
    qk.inputs[1] !== k.out ||
    k.out.consumers.length !== 1
  )
    return null;
  const sm = take(only(qk.outputs[0], g));
  if (!sm || sm.op !== 'Softmax' || ![-1, 2].includes(sm.int('axis', -1))) return null;
  const av = take(only(sm.outputs[0], g));
  if (
    !av ||
    av.op !== 'MatMul' ||
    av.inputs[0] !== sm.outputs[0] ||
    av.inputs[1] !== v.out ||
    v.out.consumers.length !== 1
  )
    return null;
  const tb = take(only(av.outputs[0], g));
  if (!tb || !perm(tb, '1,0,2')) return null;
  const r1 = take(only(tb.outputs[0], g));
  if (!r1 || r1.op !== 'Reshape' || r1.outputs[0]?.shape?.join(',') !== `${T},${E}`) return null;
  const gm = take(only(r1.outputs[0], g));
  if (
    !gm ||
    gm.op !== 'Gemm' ||
    gm.inputs[0] !== r1.outputs[0] ||
    gm.float('alpha', 1) !== 1 ||
    gm.float('beta', 1) !== 1 ||
    gm.int('transA', 0)
  )
    return null;
  const woT = knownValue(gm.inputs[1]!),
    bo = floats(gm.inputs[2]);
  if (!woT || woT.count !== E * E || !bo || bo.length !== E) return null;
  const r2 = take(only(gm.outputs[0], g));
  if (!r2 || r2.op !== 'Reshape' || r2.outputs[0]?.shape?.join(',') !== `${T},1,${E}`) return null;
  const t9 = take(only(r2.outputs[0], g));
  if (!t9 || !perm(t9, '1,0,2')) return null;
  // W_in is x·W_in, i.e. [E_in][3E]: q_weight[j][i] = W_in[i][j]
  const cols = (from: number): Float32Array => {
    const win = tensorToFloat32(winT),
      w = new Float32Array(E * E);
    for (let j = 0; j < E; j++) for (let i = 0; i < E; i++) w[j * E + i] = win[i * 3 * E + from + j]!;
    return w;
  };
  const transB = gm.int('transB', 0) !== 0;
  const outWeight = (): Float32Array => {
    const wo = tensorToFloat32(woT),
      w = new Float32Array(E * E);
    for (let j = 0; j < E; j++) for (let i = 0; i < E; i++) w[j * E + i] = transB ? wo[j * E + i]! : wo[i * E + j]!;
    return w;
  };
  return {
    nodes: seen,
    input: x,
    output: t9.outputs[0]!,
    embedDim: E,
    heads: H,
    scale,
    get qWeight() {
      return cols(0);
    },
    get kWeight() {
      return cols(E);
    },
    get vWeight() {
      return cols(2 * E);
    },
    get outWeight() {
      return outWeight();
    },
    qBias: Float32Array.from(bin.slice(0, E)),
    kBias: Float32Array.from(bin.slice(E, 2 * E)),
    vBias: Float32Array.from(bin.slice(2 * E)),
    outBias: Float32Array.from(bo),
  };
}

const cache = new WeakMap<Graph, { nodes: Node[]; length: number; found: MultiheadAttention[] }>();
/** Every attention region of a graph (cached until the graph's node list changes). */
export function multiheadAttentions(g: Graph): MultiheadAttention[] {
  const c = cache.get(g);
  if (c && c.nodes === g.nodes && c.length === g.nodes.length) return c.found;
  const found: MultiheadAttention[] = [];
  for (const n of g.nodes) {
    const m = perm(n, '1,0,2') ? match(n, g) : null;
    if (m) found.push(m);
  }
  cache.set(g, { nodes: g.nodes, length: g.nodes.length, found });
  return found;
}
