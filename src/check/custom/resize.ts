import type { CustomPredicate } from './types.js';
import { inputNumbers } from '../predicates.js';

/** Resize/Upsample per-axis scales, from scales or from sizes ÷ input dims (null: not known). */
export function resizeScales(ctx: Parameters<CustomPredicate>[0]): number[] | null {
  const n = ctx.node;
  const x = n.inputs[0]?.shape;
  if (n.op === 'Upsample') return n.floats('scales') ?? inputNumbers(n, 1) ?? null;
  if (ctx.opset < 11) return inputNumbers(n, 1) ?? null;
  const scales = inputNumbers(n, 2);
  if (scales && scales.length) return scales;
  const sizes = inputNumbers(n, 3);
  if (!sizes || !x || !x.every((d) => typeof d === 'number')) return null;
  return sizes.map((s, i) => s / (x[i] as number));
}

/** Batch and channel scales must be 1 (the resize is spatial). */
export const resizeSpatialOnly: CustomPredicate = (ctx) => {
  const s = resizeScales(ctx);
  if (!s) return { pass: null, actual: 'scales unknown' };
  return s.length < 2 || (s[0] === 1 && s[1] === 1)
    ? { pass: true }
    : { pass: false, actual: `scales [${s.join(',')}] resize the batch or channel axis` };
};

/** H/W scales are integers within [min, max] (scale 1 everywhere passes too). */
export const resizeIntegerScale: CustomPredicate = (ctx, args) => {
  const s = resizeScales(ctx);
  if (!s) return { pass: null, actual: 'scales unknown' };
  const hw = s.slice(2);
  const min = (args.min as number) ?? 1,
    max = (args.max as number) ?? Infinity;
  const ok = hw.every((v) => v === 1) || hw.every((v) => Math.abs(v - Math.round(v)) < 1e-6 && v >= min && v <= max);
  return ok
    ? { pass: true }
    : { pass: false, actual: `H/W scales ${hw.map((v) => +v.toFixed(4)).join('×')}; needs integers ${min}..${max}` };
};
