/**
 * What convcheck's ncnn exporter needs of shapes and layouts beyond the shared vocabulary: static dims on every
 * value, a Permute order type for each Transpose, same-rank Tile/Expand that keep the batch, one constant Gather
 * index, AveragePool ceil rounding that stays within the padding. Each mirrors one refusal of converters/ncnn.
 */
import type { CustomPredicate } from './types.js';
import { knownValue } from '../../shape/infer.js';
import { inputNumbers } from '../predicates.js';
import { embedTable } from './node-facts.js';
import { batchAxisOf } from '../../shape/batch-axis.js';

const isStatic = (s: readonly unknown[] | null | undefined): boolean => !!s && s.every((d) => typeof d === 'number');

/** Every value the node reads or writes has static dims — unless a graph input is dynamic (a model rule says so). */
export const staticDimsGivenStaticInputs: CustomPredicate = (ctx) => {
  if (ctx.model.graph.inputs.some((v) => !v.data && !isStatic(v.shape))) return { pass: true };
  const open = [...ctx.node.inputs, ...ctx.node.outputs].filter((v) => v && !knownValue(v) && !isStatic(v.shape));
  return open.length
    ? { pass: false, actual: open.map((v) => `${v!.name} [${(v!.shape ?? ['?']).join(',')}]`).join(', ') }
    : { pass: true };
};

/** An identity permutation, or one of rank 3..5 that keeps axis 0 in place (ncnn's Permute order types). */
export const ncnnPermute: CustomPredicate = (ctx) => {
  const r = ctx.node.inputs[0]?.shape?.length;
  if (r === undefined) return { pass: null, actual: 'rank unknown' };
  const perm = ctx.node.ints('perm') ?? [...Array(r).keys()].reverse();
  if (perm.every((p, i) => p === i)) return { pass: true };
  // moving axis 0 where it is the batch axis is what the Transpose-batch-axis rule reports
  if (perm[0] !== 0 && batchAxisOf(ctx.node.inputs[0]) === 0) return { pass: true };
  if (r >= 3 && r <= 5 && perm[0] === 0) return { pass: true };
  return { pass: false, actual: `perm [${perm.join(',')}] of a rank-${r} tensor` };
};

/** Output rank equals input rank (ncnn's Tile repeats axes, it does not add them). */
export const sameRankOutput: CustomPredicate = (ctx) => {
  const x = ctx.node.inputs[0]?.shape,
    y = ctx.node.outputs[0]?.shape;
  if (!x || !y) return { pass: null, actual: 'ranks unknown' };
  return x.length === y.length ? { pass: true } : { pass: false, actual: `rank ${x.length} → ${y.length}` };
};

/** Dim 0 of the output equals dim 0 of the input (nothing is repeated along the batch axis). */
export const keepsLeadingDim: CustomPredicate = (ctx) => {
  const x = ctx.node.inputs[0]?.shape,
    y = ctx.node.outputs[0]?.shape;
  if (!x || !y || typeof x[0] !== 'number' || typeof y[0] !== 'number') return { pass: null, actual: 'dims unknown' };
  return x[0] === y[0] || x.length !== y.length ? { pass: true } : { pass: false, actual: `dim 0: ${x[0]} → ${y[0]}` };
};

/** A Gather of one constant index (a Crop), or a table lookup (Embed). */
export const gatherSingleIndex: CustomPredicate = (ctx, args) => {
  if (embedTable(ctx, args).pass === true) return { pass: true };
  const idx = inputNumbers(ctx.node, 1);
  if (!idx) return { pass: null, actual: 'indices not constant' };
  return idx.length === 1 ? { pass: true } : { pass: false, actual: `${idx.length} indices` };
};

/** ceil_mode average pooling whose last window stays within the end padding (ncnn would average over less). */
export const avgpoolCeilWithinPads: CustomPredicate = (ctx) => {
  const n = ctx.node;
  if (!n.int('ceil_mode', 0)) return { pass: true };
  const x = n.inputs[0]?.shape,
    y = n.outputs[0]?.shape,
    k = n.ints('kernel_shape');
  if (!isStatic(x) || !isStatic(y) || !k || x!.length !== 4) return { pass: null, actual: 'shapes unknown' };
  const [sh, sw] = n.ints('strides') ?? [1, 1];
  const [pt, pl, pb, pr] = n.ints('pads') ?? [0, 0, 0, 0];
  const eh = ((y![2] as number) - 1) * sh! + k[0]! - (x![2] as number) - pt!,
    ew = ((y![3] as number) - 1) * sw! + k[1]! - (x![3] as number) - pl!;
  return eh > pb! || ew > pr!
    ? { pass: false, actual: `the last window overhangs the input by ${eh}×${ew} beyond pads ${pb}×${pr}` }
    : { pass: true };
};
