/** Model-level predicates of targets.json `modelRules`. */
import type { Value } from '../ir/value.js';
import { batchAxisOf } from '../shape/batch-axis.js';
import type { Model } from '../ir/model.js';
import type { Pred } from './target-types.js';
import type { Outcome } from './predicates.js';

export interface ModelCtx {
  model: Model;
  opset: number;
  /** nodes that fall back to the CPU or are unsupported (for segment counting) */ offloaded: Set<unknown>;
  /** nodes of layers the model itself places on the CPU (declared-cpu.ts): their blobs never reach the accelerator */
  declaredCpu?: Set<unknown>;
}

function opKey(domain: string, op: string): string {
  return domain ? `${domain}.${op}` : op;
}

const CUSTOM: Record<string, (ctx: ModelCtx, args: Record<string, unknown>) => Outcome> = {
  /** Always fails: the rule states a fact of the target (shown as info). */
  never: () => ({ pass: false }),
  'max-rank': (ctx, args) => {
    const max = args.max as number;
    const onCpu = (v: Value): boolean =>
      !!ctx.declaredCpu?.has(v.producer) && v.consumers.every((n) => ctx.declaredCpu!.has(n));
    for (const v of ctx.model.graph.values.values())
      if (v.shape && v.shape.length > max && (v.producer || ctx.model.graph.inputs.includes(v)) && !onCpu(v))
        return { pass: false, actual: `${v.name} has rank ${v.shape.length}` };
    return { pass: true };
  },
  'inputs-have-rank': (ctx) => {
    const open = ctx.model.graph.inputs.filter((v) => !v.data && !v.shape);
    return open.length
      ? { pass: false, actual: open.map((v) => `${v.name} has no tensor shape`).join(', ') }
      : { pass: true };
  },
  'max-op-count': (ctx, args) => {
    const ops = args.ops as string[];
    const n = ctx.model.graph.nodes.filter((x) => ops.includes(opKey(x.domain, x.op))).length;
    return n <= (args.max as number) ? { pass: true } : { pass: false, actual: `${n} such layers` };
  },
  'no-ops': (ctx, args) => {
    const ops = args.ops as string[];
    const found = ctx.model.graph.nodes.filter((x) => ops.includes(opKey(x.domain, x.op)));
    return found.length
      ? { pass: false, actual: `${found.length} node(s): ${[...new Set(found.map((x) => x.op))].join(', ')}` }
      : { pass: true };
  },
  'max-cpu-segments': (ctx, args) => {
    // a segment is a maximal run, in graph order, of nodes on the accelerator or on the CPU
    let segments = 0,
      prev: boolean | null = null;
    for (const n of ctx.model.graph.nodes) {
      const cpu = ctx.offloaded.has(n);
      if (cpu !== prev) {
        segments++;
        prev = cpu;
      }
    }
    return segments <= (args.max as number) ? { pass: true } : { pass: false, actual: `${segments} segments` };
  },
};

export function evaluateModel(p: Pred, ctx: ModelCtx): Outcome {
  const g = ctx.model.graph;
  const realInputs = g.inputs.filter((v) => !v.data);
  if ('opset' in p) {
    const { min, max } = p.opset as { min: number; max: number };
    if (ctx.model.format !== 'onnx') return { pass: true };
    return ctx.opset >= min && ctx.opset <= max
      ? { pass: true }
      : { pass: false, actual: `the model uses opset ${ctx.opset}; supported ${min}..${max}` };
  }
  if ('staticInputs' in p) {
    const dyn = realInputs.filter((v) => !v.shape || v.shape.some((d) => typeof d !== 'number'));
    return dyn.length
      ? {
          pass: false,
          actual: dyn
            .map((v) => `${v.name} ${v.shape ? `[${v.shape.map((d) => d ?? '?').join(',')}]` : 'has unknown rank'}`)
            .join(', '),
        }
      : { pass: true };
  }
  if ('batch' in p) {
    // minRank: inputs of lower rank have no batch axis (1-D vectors, unless the target reads axis 0 of every input)
    const { max, minRank = 2 } = p.batch as { max: number; minRank?: number };
    // the batch axis of each input as shape inference placed it (1 for a time-major sequence), 0 when unknown
    const batchOf = (v: Value): unknown => v.shape![batchAxisOf(v) ?? 0];
    const big = realInputs.filter((v) => {
      const b = v.shape && v.shape.length >= Math.max(1, minRank) ? batchOf(v) : undefined;
      return typeof b === 'number' && b > max;
    });
    return big.length
      ? { pass: false, actual: big.map((v) => `${v.name} has batch ${String(batchOf(v))}`).join(', ') }
      : { pass: true };
  }
  if ('format' in p) {
    const ok = (p.format as string[]).includes(ctx.model.format);
    return ok ? { pass: true } : { pass: false, actual: `the model is ${ctx.model.format}` };
  }
  if ('custom' in p) {
    const f = CUSTOM[p.custom as string];
    if (!f) throw new Error(`targets.json names an unknown model predicate '${String(p.custom)}'`);
    return f(ctx, (p.args ?? {}) as Record<string, unknown>);
  }
  throw new Error(`targets.json: unknown model predicate ${JSON.stringify(p)}`);
}
export const MODEL_CUSTOM_NAMES = Object.keys(CUSTOM);
