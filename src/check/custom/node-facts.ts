import type { CustomPredicate } from './types.js';
import { inputNumbers } from '../predicates.js';
import { knownValue } from '../../shape/infer.js';
import { multiheadAttentions } from '../../patterns/multihead-attention.js';
import { sequenceRegions } from '../../patterns/sequence-major.js';

/** Always fails: the rule states a fact of the target about every node of its op. */
export const never: CustomPredicate = () => ({ pass: false });

/** A Conv/ConvTranspose whose group equals its input channels (> 1). */
export const depthwise: CustomPredicate = (ctx) => {
  const g = ctx.node.int('group', 1);
  const c = ctx.node.inputs[0]?.shape?.[1];
  if (g === 1) return { pass: false };
  if (typeof c !== 'number') return { pass: null };
  return { pass: g === c };
};

/** Begin and end pads equal on every axis. */
export const symmetricPads: CustomPredicate = (ctx) => {
  const p = ctx.node.ints('pads');
  if (!p) return { pass: true };
  const k = p.length / 2;
  return p.slice(0, k).every((v, i) => v === p[i + k])
    ? { pass: true }
    : { pass: false, actual: `pads [${p.join(',')}]` };
};

/** The zero point input (args.input) is absent or all zeros. */
export const zeroPointZero: CustomPredicate = (ctx, args) => {
  const z = inputNumbers(ctx.node, args.input as number);
  if (z === undefined) return { pass: true };
  if (z === null) return { pass: false, actual: 'zero point is not a constant' };
  return z.every((v) => v === 0) ? { pass: true } : { pass: false, actual: `zero point [${z.slice(0, 8).join(',')}]` };
};

/** A bidirectional RNN lists the same activations for both directions. */
export const rnnSameActivations: CustomPredicate = (ctx) => {
  const acts = ctx.node.attrs.get('activations');
  if (ctx.node.str('direction', 'forward') !== 'bidirectional' || !acts || acts.type !== 'strings')
    return { pass: true };
  const half = acts.value.length / 2;
  const same = acts.value.slice(0, half).every((a, i) => a.toLowerCase() === acts.value[i + half]!.toLowerCase());
  return same ? { pass: true } : { pass: false, actual: `activations [${acts.value.join(', ')}]` };
};

/** The dim at the op's axis is a known number. */
export const axisDimStatic: CustomPredicate = (ctx) => {
  const s = ctx.node.inputs[0]?.shape;
  if (!s) return { pass: null };
  let a = ctx.node.int('axis', -1);
  if (a < 0) a += s.length;
  return typeof s[a] === 'number' ? { pass: true } : { pass: false, actual: `dim ${a} is ${s[a] ?? 'unknown'}` };
};

/** Both If branches give outputs of the same rank. */
export const ifBranchesSameRank: CustomPredicate = (ctx) => {
  const t = ctx.node.attrs.get('then_branch'),
    e = ctx.node.attrs.get('else_branch');
  if (!t || !e || t.type !== 'graph' || e.type !== 'graph') return { pass: null };
  for (let i = 0; i < t.value.outputs.length; i++) {
    const a = t.value.outputs[i]?.shape,
      b = e.value.outputs[i]?.shape;
    if (!a || !b) return { pass: null, actual: 'branch output shapes unknown' };
    if (a.length !== b.length) return { pass: false, actual: `output ${i}: rank ${a.length} vs ${b.length}` };
  }
  return { pass: true };
};

/** A Loop whose trip count is a constant (scan outputs have a static length). */
export const loopStaticTrip: CustomPredicate = (ctx) => {
  const m = ctx.node.inputs[0];
  const scans = ctx.node.outputs.length - Math.max(0, ctx.node.inputs.length - 2);
  if (scans <= 0) return { pass: true };
  return m && knownValue(m) ? { pass: true } : { pass: false, actual: 'trip count is not a constant' };
};

/** Every consumer of the node's output is a broadcasting binary op. */
export const consumedByBinaryOp: CustomPredicate = (ctx) => {
  const out = ctx.node.outputs[0];
  const ops = new Set(['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min', 'Pow']);
  if (!out || !out.consumers.length) return { pass: false, actual: 'no consumer' };
  const bad = out.consumers.filter((c) => !ops.has(c.op)).map((c) => c.op);
  return bad.length ? { pass: false, actual: `consumed by ${[...new Set(bad)].join(', ')}` } : { pass: true };
};

/** No non-constant output has a dtype in args.dtypes. */
export const noRuntimeDtype: CustomPredicate = (ctx, args) => {
  const bad = ctx.node.outputs.filter(
    (v) => v && v.dtype && (args.dtypes as string[]).includes(v.dtype) && !knownValue(v),
  );
  return bad.length
    ? { pass: false, actual: `${bad.map((v) => `${v!.name} is ${v!.dtype}`).join(', ')}` }
    : { pass: true };
};

/** The node is part of a recognised multi-head attention region (a fused attention layer replaces it whole). */
export const inMultiheadAttention: CustomPredicate = (ctx) =>
  multiheadAttentions(ctx.model.graph).some((m) => m.nodes.has(ctx.node))
    ? { pass: true }
    : { pass: false, actual: 'not inside a recognised multi-head attention' };

/** The node only relabels a batch-1 sequence between recurrent layers (src/patterns/sequence-major.ts). */
export const inSequenceGlue: CustomPredicate = (ctx) =>
  sequenceRegions(ctx.model.graph).some((r) => r.glue.has(ctx.node))
    ? { pass: true }
    : { pass: false, actual: 'not glue of a recognised batch-1 recurrent stack' };

/** A Gather of a constant 2-D table along axis 0 with run-time integer indices: a table lookup (ncnn's Embed). */
export const embedTable: CustomPredicate = (ctx) => {
  const n = ctx.node,
    table = n.inputs[0],
    ids = n.inputs[1];
  if (n.op !== 'Gather' || !table || !ids) return { pass: false, actual: 'not a Gather' };
  const t = knownValue(table);
  if (!t || t.dims.length !== 2) return { pass: false, actual: 'the gathered tensor is not a constant 2-D table' };
  if (n.int('axis', 0) !== 0) return { pass: false, actual: `axis ${n.int('axis', 0)}, not the table's rows` };
  if (knownValue(ids)) return { pass: false, actual: 'constant indices' };
  // ncnn's Embed reads a 1-D blob of int32 ids that no float layer computes: ids [1, L] straight from a model input
  if (ids.producer) return { pass: false, actual: 'the ids are computed by a layer, not a model input' };
  if (ids.shape && (ids.shape.length !== 2 || ids.shape[0] !== 1))
    return { pass: false, actual: `ids [${ids.shape.join(',')}], not [1, L]` };
  return ids.dtype === 'int64' || ids.dtype === 'int32'
    ? { pass: true }
    : { pass: null, actual: 'index dtype unknown' };
};
