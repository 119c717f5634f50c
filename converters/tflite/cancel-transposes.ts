import type { Graph } from '../../src/ir/graph.js';

/** Transpose(p2) of Transpose(p1) whose composition is the identity: consumers use the first's input. */
export function cancelTransposePairs(g: Graph): number {
  let n = 0;
  for (const t2 of [...g.nodes]) {
    if (t2.op !== 'Transpose' || t2.domain) continue;
    const t1 = t2.inputs[0]?.producer;
    if (!t1 || t1.op !== 'Transpose' || t1.domain) continue;
    const p1 = t1.ints('perm'),
      p2 = t2.ints('perm');
    if (!p1 || !p2 || p1.length !== p2.length || !p2.every((p, i) => p1[p] === i)) continue;
    const out = t2.outputs[0]!,
      src = t1.inputs[0]!;
    if (g.outputs.includes(out)) continue;
    g.replaceAllUses(out, src);
    g.removeNode(t2);
    n++;
  }
  return n;
}
