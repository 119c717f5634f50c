/**
 * Which findings a fix run resolved, and by which application: a finding of the check before the run
 * is resolved when the check after it has no finding with the same rule on the same node. It is
 * credited to the applications that rewrote its node (the node is among their `before`), else to the
 * applications of the rule the finding names as its fix, else to the run as a whole (a side effect,
 * e.g. a folded producer made a dim static).
 */
import type { Finding } from '../check/finding.js';
import type { Application } from './engine.js';

export interface Resolution {
  ruleId: string;
  node: string;
  op: string;
  by: string[];
}

const key = (f: Pick<Finding, 'ruleId' | 'node'>): string => `${f.ruleId}\u0000${f.node}`;

export function attributeResolved(before: Finding[], after: Finding[], applications: Application[]): Resolution[] {
  const remaining = new Set(after.map(key));
  const byNode = new Map<string, Application[]>();
  for (const a of applications) for (const n of a.before) byNode.set(n, [...(byNode.get(n) ?? []), a]);
  const out: Resolution[] = [];
  const seen = new Set<string>();
  for (const f of before) {
    const k = key(f);
    if (remaining.has(k) || seen.has(k)) continue;
    seen.add(k);
    const direct = (f.node && byNode.get(f.node)) || [];
    const named = applications.filter((a) => a.rule === f.fix);
    const credited = direct.length ? direct : named;
    const by = [...new Set(credited.map((a) => a.rule))];
    for (const a of credited) (a.resolved ??= []).push(f.ruleId);
    out.push({ ruleId: f.ruleId, node: f.node, op: f.op, by: by.length ? by : ['(side effect of the run)'] });
  }
  return out;
}
