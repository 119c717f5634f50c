import type { Model } from '../ir/model.js';
import type { Graph } from '../ir/graph.js';
import { removeDeadNodes } from '../ir/cleanup.js';
import { inferShapes } from '../shape/infer.js';
import type { RewriteContext } from './define.js';
import { PIPELINE } from './pipeline.js';

/** One rule application: the nodes it replaced and created; `resolved` (filled by attributeResolved) lists the finding rule ids it resolved. */
export interface Application {
  rule: string;
  safety: string;
  before: string[];
  after: string[];
  pass: number;
  resolved?: string[];
}
export interface RewriteRun {
  applications: Application[];
  passes: number;
  stoppedBy: 'fixed-point' | 'pass-cap' | 'cycle';
  nodesBefore: number;
  nodesAfter: number;
  /** Why wanted rewrites did not apply. */ notes: string[];
}

const MAX_PASSES = 10;

/** A cheap structural fingerprint of a graph (ops and edges), to stop when a pass brings back an earlier graph. */
function fingerprint(g: Graph): string {
  return g.nodes
    .map(
      (n) =>
        `${n.op}(${n.inputs.map((v) => v?.name ?? '').join(',')})>${n.outputs.map((v) => v?.name ?? '').join(',')}`,
    )
    .join(';');
}

/** Run the enabled rules of the pipeline to a fixed point (≤ 10 passes, cycle stop), recording each application. */
export function runRewrites(model: Model, enabled: Set<string>, options: RewriteContext['options'] = {}): RewriteRun {
  const g = model.graph;
  const ctx: RewriteContext = {
    model,
    graph: g,
    opset: model.opsets.get('') ?? 17,
    options,
    folded: { grownBytes: 0 },
    notes: [],
  };
  const applications: Application[] = [];
  const seen = new Set<string>();
  const nodesBefore = g.nodes.length;
  inferShapes(model, { inputShapes: options.inputShapes });
  let pass = 0;
  let stoppedBy: RewriteRun['stoppedBy'] = 'fixed-point';
  for (; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const rule of PIPELINE) {
      if (!enabled.has(rule.id)) continue;
      if (rule.scope === 'graph') {
        const m = rule.match(null, ctx);
        if (m) {
          const touched = rule.apply(m, ctx);
          applications.push({ rule: rule.id, safety: rule.safety, before: [], after: touched, pass });
          changed = true;
          inferShapes(model, { inputShapes: options.inputShapes });
        }
        continue;
      }
      for (const n of [...g.nodes]) {
        if (!g.nodes.includes(n)) continue;
        const m = rule.match(n, ctx);
        if (!m) continue;
        const after = rule.apply(m, ctx);
        applications.push({ rule: rule.id, safety: rule.safety, before: [n.name || n.op], after, pass });
        changed = true;
      }
      if (changed) {
        g.toposort();
        inferShapes(model, { inputShapes: options.inputShapes });
      }
    }
    removeDeadNodes(g);
    if (!changed) break;
    const fp = fingerprint(g);
    if (seen.has(fp)) {
      stoppedBy = 'cycle';
      break;
    }
    seen.add(fp);
  }
  if (pass === MAX_PASSES) stoppedBy = 'pass-cap';
  g.toposort();
  inferShapes(model, { inputShapes: options.inputShapes });
  return {
    applications,
    passes: pass + 1,
    stoppedBy,
    nodesBefore,
    nodesAfter: g.nodes.length,
    notes: [...new Set(ctx.notes)],
  };
}
