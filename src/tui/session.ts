import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Finding, TargetResult, Verdict } from '../check/finding.js';
import type { TargetCost } from '../profile/profile-model.js';
import type { NodeCost } from '../profile/node-cost.js';
import type { QuantReport } from '../quant/analysis/quant-report.js';

/** What a fix run reports back to the UI. */
export interface FixOutcome {
  applied: { rule: string; nodes: string[] }[];
  remaining: number;
  verification: { output: string; problem?: string; maxAbs: number; maxRel: number; cosine: number }[] | null;
  ok: boolean;
  message: string;
}
export interface FixPlan {
  rules: { rule: string; safety: string; nodes: string[] }[];
}

/**
 * Everything the UI shows and does, behind one interface: the model, check results per target,
 * and the fix / export actions. index.ts builds it from the real checker, rewriter and exporters.
 */
export interface TuiSession {
  model: Model;
  modelPath: string;
  fileSize: number;
  targets: { id: string; title: string }[];
  result(targetId: string): TargetResult;
  /** The cost model's view of the model on a target (MACs, bytes, roofline), computed on first use. */
  cost?(targetId: string): TargetCost;
  planFix?(targetId: string): FixPlan;
  applyFix?(targetId: string): Promise<FixOutcome>;
  exportModel?(format: 'onnx' | 'ncnn', path: string): string[];
  /** The quantization analysis of a target on seeded synthetic inputs (run once per target, then kept). */
  quant?(targetId: string, onProgress?: (done: number, total: number) => void): Promise<QuantReport>;
}

export const VERDICT_ORDER: Verdict[] = ['unsupported', 'partial', 'unknown', 'supported'];
export const VERDICT_COLOR: Record<Verdict, string> = {
  supported: 'green',
  partial: 'yellow',
  unsupported: 'red',
  unknown: 'gray',
};

export interface NodeRow {
  kind: 'node';
  node: Node;
  index: number;
  verdict: Verdict;
  findings: Finding[];
  /** The node's cost on the target (when the session has the cost model). */
  cost?: NodeCost;
}
export interface RuleRow {
  kind: 'rule';
  ruleId: string;
  level: string;
  findings: Finding[];
}
export type Row = NodeRow | RuleRow;

export type Filter = 'all' | Verdict;
export type Sort = 'graph' | 'verdict' | 'op' | 'cost';

/** MACs for sorting by cost: uncounted nodes (shapes not static) after every counted one. */
const macsOf = (r: NodeRow): number => r.cost?.macs ?? -1;

/** Rows of the node list for one target, filtered, searched and sorted. */
export function nodeRows(session: TuiSession, targetId: string, filter: Filter, search: string, sort: Sort): NodeRow[] {
  const res = session.result(targetId);
  const byNode = new Map<string, Finding[]>();
  for (const f of res.findings) if (f.node) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f]);
  const q = search.toLowerCase();
  const costs = session.cost?.(targetId).nodeCosts;
  const rows: NodeRow[] = [];
  session.model.graph.nodes.forEach((node, index) => {
    const verdict = res.nodeVerdicts.get(node) ?? 'unknown';
    if (filter !== 'all' && verdict !== filter) return;
    if (
      q &&
      !node.name.toLowerCase().includes(q) &&
      !node.op.toLowerCase().includes(q) &&
      !node.origin?.name.toLowerCase().includes(q)
    )
      return;
    rows.push({ kind: 'node', node, index, verdict, findings: byNode.get(node.name) ?? [], cost: costs?.get(node) });
  });
  if (sort === 'verdict')
    rows.sort((a, b) => VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) || a.index - b.index);
  else if (sort === 'op') rows.sort((a, b) => a.node.op.localeCompare(b.node.op) || a.index - b.index);
  else if (sort === 'cost') rows.sort((a, b) => macsOf(b) - macsOf(a) || a.index - b.index);
  return rows;
}

/** Findings of one target grouped by rule, worst level first; the search matches rule id, op or node. */
export function ruleRows(session: TuiSession, targetId: string, search: string): RuleRow[] {
  const groups = new Map<string, Finding[]>();
  const q = search.toLowerCase();
  for (const f of session.result(targetId).findings) {
    if (q && ![f.ruleId, f.op, f.node].some((s) => s.toLowerCase().includes(q))) continue;
    groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  }
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  return [...groups]
    .map(([ruleId, findings]) => ({ kind: 'rule' as const, ruleId, level: findings[0]!.level, findings }))
    .sort((a, b) => (rank[a.level] ?? 3) - (rank[b.level] ?? 3) || b.findings.length - a.findings.length);
}

/** Number of elements in the model's constant tensors. */
export function paramCount(model: Model): number {
  let n = 0;
  for (const v of model.graph.constants()) n += v.data!.count;
  return n;
}
