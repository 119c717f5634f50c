import type { Graph } from './graph.js';
import { subgraphs } from './graph.js';

/** Remove nodes none of whose outputs is used (iteratively) and values nothing refers to. Returns nodes removed. */
export function removeDeadNodes(g: Graph): number {
  let removed = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const n of [...g.nodes].reverse()) {
      const used = n.outputs.some((v) => v && (v.consumers.length || g.outputs.includes(v)));
      if (!used && !subgraphs(n).length) {
        g.removeNode(n);
        removed++;
        changed = true;
      }
    }
  }
  for (const v of [...g.values.values()])
    if (!v.consumers.length && !v.producer && !g.outputs.includes(v) && !g.inputs.includes(v)) g.values.delete(v.name);
  return removed;
}
