/** The rewrites an export pipeline applied, counted per rule, and the summary line that lists them. */
import type { Application } from '../../rewrite/engine.js';

export function countRewrites(applications: readonly Application[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of applications) counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1);
  return counts;
}

export function rewrittenLine(counts: ReadonlyMap<string, number>): string {
  return counts.size ? `rewritten: ${[...counts].map(([r, n]) => `${r} × ${n}`).join(', ')}` : 'rewritten: nothing';
}
