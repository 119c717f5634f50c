/**
 * Per-op conditions of convcheck's ncnn exporter that the shared vocabulary cannot say: Gemm as InnerProduct,
 * MatMul operand shapes, per-channel PRelu slopes, LayerNorm over trailing axes with constant affine, recurrent
 * sequence lengths and initial states, Einsum equations that keep the batch axis first.
 */
import type { CustomPredicate } from './types.js';
import { knownValue } from '../../shape/infer.js';
import { inputNumbers } from '../predicates.js';

const fail = (actual: string): { pass: false; actual: string } => ({ pass: false, actual });
const dimsOf = (v: { shape?: readonly unknown[] | null } | null | undefined): number[] | null =>
  v?.shape && v.shape.every((d) => typeof d === 'number') ? (v.shape as number[]) : null;

/** Gemm with A [1,K], constant B, no transA, alpha = beta = 1 and a constant bias of N values (ncnn's InnerProduct). */
export const gemmInnerProduct: CustomPredicate = (ctx) => {
  const n = ctx.node,
    a = dimsOf(n.inputs[0]),
    b = n.inputs[1],
    c = n.inputs[2];
  if (!a || !b?.shape) return { pass: null, actual: 'shapes unknown' };
  if (!knownValue(b)) return fail('B is computed at run time');
  if (n.int('transA', 0)) return fail('transA = 1');
  if (n.float('alpha', 1) !== 1 || n.float('beta', 1) !== 1) return fail('alpha or beta is not 1');
  if (a.length !== 2 || a[0] !== 1) return fail(`A is [${a.join(',')}], not [1,K]`);
  const N = n.int('transB', 0) ? b.shape[0] : b.shape[1];
  const cv = c ? knownValue(c) : null;
  if (c && (!cv || cv.count !== N)) return fail('C is not a constant of N values');
  return { pass: true };
};

/** MatMul with A's leading dim 1 and B either a constant 2-D matrix, 2-D, or of A's rank with equal outer dims. */
export const matmulNcnnShapes: CustomPredicate = (ctx) => {
  const a = dimsOf(ctx.node.inputs[0]),
    b = dimsOf(ctx.node.inputs[1]);
  if (!a || !b) return { pass: null, actual: 'shapes unknown' };
  if (a[0] !== 1) return fail(`A [${a.join(',')}] has batch ${a[0]}`);
  if (knownValue(ctx.node.inputs[1]!) && b.length === 2 && a.length <= 3) return { pass: true };
  const sameOuter = b.length === a.length && b.slice(0, -2).every((d, i) => d === a[i]);
  return a.length <= 5 && (b.length === 2 || sameOuter) ? { pass: true } : fail(`[${a.join(',')}] × [${b.join(',')}]`);
};

/** A constant PRelu slope with one value, or one per channel (axis 1). */
export const preluPerChannel: CustomPredicate = (ctx) => {
  const sl = ctx.node.inputs[1],
    x = dimsOf(ctx.node.inputs[0]);
  const t = sl ? knownValue(sl) : null;
  if (!t) return fail('the slope is computed at run time');
  if (!x) return { pass: null, actual: 'input shape unknown' };
  const s = t.dims;
  const ok =
    t.count === 1 ||
    (s.length === x.length - 1 && s[0] === x[1] && s.slice(1).every((d) => d === 1)) ||
    (s.length === x.length && s[1] === x[1] && s.every((d, i) => i === 1 || d === 1));
  return ok ? { pass: true } : fail(`slope [${s.join(',')}] for input [${x.join(',')}]`);
};

/** LayerNormalization over trailing axes that start past the channel axis (ncnn's LayerNorm normalises w, h·w or c·h·w of a blob). */
export const layernormTrailingAxes: CustomPredicate = (ctx) => {
  const r = ctx.node.inputs[0]?.shape?.length;
  if (r === undefined) return { pass: null, actual: 'rank unknown' };
  const a = (ctx.node.int('axis', -1) + r) % r;
  return a >= 2 ? { pass: true } : fail(`axis ${a} of a rank-${r} input`);
};

/** LayerNormalization scale and bias: absent, or constants of one value or one per normalised element. */
export const layernormAffine: CustomPredicate = (ctx) => {
  const x = dimsOf(ctx.node.inputs[0]);
  if (!x) return { pass: null, actual: 'input shape unknown' };
  const size = x.slice((ctx.node.int('axis', -1) + x.length) % x.length).reduce((p, d) => p * d, 1);
  for (const v of ctx.node.inputs.slice(1, 3)) {
    if (!v) continue;
    const t = knownValue(v);
    if (!t) return fail(`${v.name} is computed at run time`);
    if (t.count !== 1 && t.count !== size) return fail(`${v.name} has ${t.count} values for ${size} elements`);
  }
  return { pass: true };
};

/** A recurrent op's sequence_lens is absent or a constant equal to the whole sequence. */
export const rnnFullSequenceLens: CustomPredicate = (ctx) => {
  const lens = inputNumbers(ctx.node, 4);
  if (lens === undefined) return { pass: true };
  if (lens === null) return fail('sequence_lens is computed at run time');
  const T = ctx.node.inputs[0]?.shape?.[0];
  if (typeof T !== 'number') return { pass: null, actual: 'sequence length unknown' };
  return lens.every((l) => l === T) ? { pass: true } : fail(`sequence_lens [${lens.join(',')}] of ${T} steps`);
};

/** A recurrent op's initial states (inputs 5 and 6) are absent or constant zeros. */
export const rnnZeroInitialState: CustomPredicate = (ctx) => {
  for (const i of [5, 6]) {
    const v = inputNumbers(ctx.node, i);
    if (v === null) return fail(`initial state ${ctx.node.inputs[i]!.name} is computed at run time`);
    if (v && v.some((x) => x !== 0)) return fail(`initial state ${ctx.node.inputs[i]!.name} is not zero`);
  }
  return { pass: true };
};

/** Input args.input is absent. */
export const inputAbsent: CustomPredicate = (ctx, args) => {
  const v = ctx.node.inputs[args.input as number];
  return v ? fail(`input ${args.input as number} ('${v.name}') is given`) : { pass: true };
};

/** An Einsum whose first operand's first label stays the first axis of the output and of every operand naming it. */
export const einsumKeepsBatchFirst: CustomPredicate = (ctx) => {
  const eq = ctx.node.str('equation', '').replace(/\s/g, '');
  const [lhs, out] = eq.split('->');
  if (out === undefined || eq.includes('...')) return { pass: null, actual: `equation '${eq}'` };
  const ops = lhs!.split(',');
  const batch = ops[0]![0];
  if (!batch) return { pass: true };
  const first = [...ops, out].every((o) => !o.includes(batch) || o[0] === batch) && out[0] === batch;
  return first ? { pass: true } : fail(`equation '${eq}' moves or reduces axis '${batch}'`);
};
