/**
 * Convert a model's default-domain opset up or down (9 … newest): for every node, each opset where its
 * op got a new version is crossed with that version's adapter (adapters-*.ts) or, where the change is
 * only in attributes with defaults, optional trailing inputs or element types, by the schema diff
 * (generic.ts). Ops that do not exist at the target are decomposed when a decomposition exists.
 * All-or-nothing: every node is checked first; one refusal leaves the model untouched.
 */
import type { Model } from '../../ir/model.js';
import type { Graph } from '../../ir/graph.js';
import type { Node } from '../../ir/node.js';
import { subgraphs } from '../../ir/graph.js';
import { lookupOp, type OpSchema } from '../../opset/lookup.js';
import type { Adapter, Direction, Env } from './adapter.js';
import { INPUT_ADAPTERS } from './adapters-inputs.js';
import { SEMANTIC_ADAPTERS } from './adapters-semantics.js';
import { applyGeneric, applyNegativeAxes, checkGeneric, checkNegativeAxes, checkTypes } from './generic.js';
import type { Rewrite, RewriteContext } from '../define.js';
import decomposeHardswish from '../rules/decompose-hardswish.js';
import decomposeGelu from '../rules/decompose-gelu.js';
import decomposeMish from '../rules/decompose-mish.js';
import decomposeLayernorm from '../rules/decompose-layernorm.js';

const ADAPTERS = new Map<string, Adapter>(
  [...INPUT_ADAPTERS, ...SEMANTIC_ADAPTERS].map((a) => [`${a.op}@${a.since}`, a]),
);
/** Ops newer than a target opset that convcheck can still express there. */
const DECOMPOSE: Record<string, Rewrite<unknown>> = {
  HardSwish: decomposeHardswish,
  Gelu: decomposeGelu,
  Mish: decomposeMish,
  LayerNormalization: decomposeLayernorm,
} as Record<string, Rewrite<unknown>>;
/** Ops deprecated at an opset, replaced by another op with the same meaning. */
const RENAMED: Record<string, { at: number; to: string }> = {
  Upsample: { at: 10, to: 'Resize' },
  Scatter: { at: 11, to: 'ScatterElements' },
};

export interface Conversion {
  from: number;
  to: number;
  refused: string[];
  /** Nodes changed (names), when converted. */ changed: string[];
}

function sinces(op: string): number[] {
  const out: number[] = [];
  for (let v = 1, last: OpSchema | undefined; v <= 40; v++) {
    const s = lookupOp('', op, v);
    if (s && s !== last) {
      out.push(s.since);
      last = s;
    }
  }
  return out;
}

interface Step {
  op: string;
  since: number;
  older: OpSchema | undefined;
  newer: OpSchema | undefined;
  adapter: Adapter | undefined;
  /** The op's new name (deprecated op replaced). */ rename?: string;
}
function stepsFor(n: Node, from: number, to: number): { steps: Step[]; finalOp: string } {
  const dir: Direction = to > from ? 'up' : 'down';
  const steps: Step[] = [];
  let op = n.op;
  const push = (o: string, v: number): void => {
    steps.push({
      op: o,
      since: v,
      older: lookupOp('', o, v - 1),
      newer: lookupOp('', o, v),
      adapter: ADAPTERS.get(`${o}@${v}`),
    });
  };
  if (dir === 'up') {
    for (const v of sinces(op).filter((s) => s > from && s <= to)) {
      const ren = RENAMED[op];
      if (ren && v === ren.at) {
        steps.push({
          op,
          since: v,
          older: lookupOp('', op, v - 1),
          newer: undefined,
          adapter: ADAPTERS.get(`${op}@${v}`),
          rename: ren.to,
        });
        op = ren.to;
        for (const w of sinces(op).filter((s) => s > v && s <= to)) push(op, w);
        break;
      }
      push(op, v);
    }
  } else {
    for (const v of sinces(op)
      .filter((s) => s > to && s <= from)
      .reverse()) {
      const back = Object.entries(RENAMED).find(([, r]) => r.to === op && r.at === v);
      if (back) {
        steps.push({
          op,
          since: v,
          older: undefined,
          newer: lookupOp('', op, v),
          adapter: ADAPTERS.get(`${op}@${v}`),
          rename: back[0],
        });
        op = back[0];
        break;
      }
      push(op, v);
    }
  }
  return { steps, finalOp: op };
}

function graphsOf(g: Graph): Graph[] {
  const out = [g];
  for (const n of g.nodes) for (const s of subgraphs(n)) out.push(...graphsOf(s));
  return out;
}

export interface Plan {
  conversion: Conversion;
  /** Applies the conversion (only when nothing was refused). */ apply(): Conversion;
}

/** Convert `model` to default-domain opset `to` in place (or refuse, changing nothing). */
export function convertOpset(model: Model, to: number, ctx?: RewriteContext): Conversion {
  const plan = planConversion(model, to, ctx);
  return plan.conversion.refused.length ? plan.conversion : plan.apply();
}

/** Check every node for a conversion to opset `to`; `apply` then changes the model. */
export function planConversion(model: Model, to: number, ctx?: RewriteContext): Plan {
  const from = model.opsets.get('') ?? model.opsets.get('ai.onnx') ?? to;
  const result: Conversion = { from, to, refused: [], changed: [] };
  const tctx: RewriteContext = {
    ...(ctx ?? { model, graph: model.graph, options: {}, folded: { grownBytes: 0 }, notes: [] }),
    opset: to,
  };
  if (from === to) return { conversion: result, apply: () => result };
  const dir: Direction = to > from ? 'up' : 'down';
  const work: (() => void)[] = [];
  const decompositions: [Graph, Node, Rewrite<unknown>][] = [];
  for (const g of graphsOf(model.graph)) {
    const env: Env = { graph: g };
    for (const n of g.nodes) {
      if (n.domain && n.domain !== 'ai.onnx') continue;
      const who = n.name || n.op;
      if (!lookupOp('', n.op, from)) {
        result.refused.push(`${who}: ${n.op} is not an ONNX op at opset ${from}`);
        continue;
      }
      const renamedBack = Object.values(RENAMED).some((r) => r.to === n.op && r.at > to);
      if (dir === 'down' && !lookupOp('', n.op, to) && !RENAMED[n.op] && !renamedBack) {
        const d = DECOMPOSE[n.op];
        if (d && d.match(n, { ...tctx, graph: g }) !== null) {
          decompositions.push([g, n, d]);
          continue;
        }
        result.refused.push(
          `${who}: ${n.op} does not exist before opset ${sinces(n.op)[0]} and convcheck has no decomposition for it`,
        );
        continue;
      }
      const { steps, finalOp } = stepsFor(n, from, to);
      let reason: string | null = null;
      // checks see the node as it is now: what any step's adapter moves is not checked again by the schema diff
      const handled = [...new Set(steps.flatMap((s) => s.adapter?.handles ?? []))];
      for (const s of steps) {
        if (!s.older || !s.newer) {
          if (!s.rename) reason = `${n.op}: no conversion across opset ${s.since}`;
          continue;
        }
        reason =
          s.adapter?.check?.(n, dir, env) ??
          checkNegativeAxes(n, s.since, dir) ??
          checkGeneric(n, s.older, s.newer, dir, handled, !!s.adapter, env.graph, lookupOp('', n.op, from)!);
        if (reason) break;
      }
      const target = lookupOp('', finalOp, to);
      reason ??= target ? checkTypes(n, target) : null;
      if (reason) {
        result.refused.push(`${who}: ${reason}`);
        continue;
      }
      if (!steps.length) continue;
      work.push(() => {
        for (const s of steps) {
          applyNegativeAxes(n, s.since, dir);
          s.adapter?.apply(n, dir, env);
          if (s.rename) n.op = s.rename;
          if (s.older && s.newer) applyGeneric(n, s.older, s.newer, dir, s.adapter?.handles ?? [], env.graph);
        }
        result.changed.push(who);
      });
    }
  }
  const apply = (): Conversion => {
    for (const w of work) w();
    model.opsets.set('', to);
    for (const [g, n, d] of decompositions) {
      d.apply(d.match(n, { ...tctx, graph: g }), { ...tctx, graph: g });
      result.changed.push(n.name || n.op);
    }
    for (const g of graphsOf(model.graph)) g.toposort();
    return result;
  };
  return { conversion: result, apply };
}
