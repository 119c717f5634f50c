/** Keep [lead, lead + size) of a blob's spatial axes with Caffe Slice layers (one axis each, as NNIE needs). */
import type { WriteCtx } from './write-context.js';
import type { AxisPlan } from './pad-plan.js';

/**
 * `from` holds Caffe's output with `plans` per spatial axis (H then W); the kept window is written to
 * `finalTop`. Returns without a layer when nothing is cropped (the caller then writes `finalTop` itself).
 */
export function needsCrop(plans: AxisPlan[], outs: number[]): boolean {
  return plans.some((p, i) => p.lead !== 0 || p.caffeOut !== outs[i]);
}

export function cropSpatial(
  c: WriteCtx,
  base: string,
  from: string,
  plans: AxisPlan[],
  outs: number[],
  finalTop: string,
): void {
  const axes = plans
    .map((p, i) => ({ axis: 2 + i, plan: p, out: outs[i]! }))
    .filter((a) => a.plan.lead !== 0 || a.plan.caffeOut !== a.out);
  let current = from;
  axes.forEach((a, i) => {
    const points = [a.plan.lead, a.plan.lead + a.out].filter((p) => p > 0 && p < a.plan.caffeOut);
    const keep = a.plan.lead > 0 ? 1 : 0;
    const name = c.fresh(`${base}_crop${a.axis === 2 ? 'h' : 'w'}`);
    const top = i === axes.length - 1 ? finalTop : c.fresh(`${name}_kept`);
    const tops = Array.from({ length: points.length + 1 }, (_, t) => (t === keep ? top : c.fresh(`${name}_dropped`)));
    c.emit({
      name,
      type: 'Slice',
      bottoms: [current],
      tops,
      params: { slice_param: { axis: a.axis, slice_point: points } },
    });
    current = top;
  });
}
