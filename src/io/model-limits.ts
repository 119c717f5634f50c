import type { Model } from '../ir/model.js';
import type { Graph } from '../ir/graph.js';
import { subgraphs } from '../ir/graph.js';
import { enforceLimit, enforceNameLength } from './limits.js';

/**
 * Check an imported model against the structural limits of `limits.ts` (every importer's result goes
 * through here): total nodes, attributes and inputs/outputs per node, name lengths, subgraph depth.
 * Iterative, so however the graphs nest, the walk itself cannot overflow the stack.
 */
export function enforceModelLimits(model: Model, file: string): void {
  let nodes = 0;
  const stack: [Graph, number][] = [[model.graph, 0]];
  while (stack.length) {
    const [g, depth] = stack.pop()!;
    enforceLimit(file, 'subgraphDepth', depth);
    enforceNameLength(file, g.name);
    nodes += g.nodes.length;
    enforceLimit(file, 'nodes', nodes);
    for (const v of g.values.values()) enforceNameLength(file, v.name);
    for (const n of g.nodes) {
      enforceLimit(file, 'attributesPerNode', n.attrs.size);
      enforceLimit(file, 'valuesPerNode', Math.max(n.inputs.length, n.outputs.length));
      enforceNameLength(file, n.name);
      enforceNameLength(file, n.op);
      enforceNameLength(file, n.domain);
      enforceNameLength(file, n.origin?.name);
      enforceNameLength(file, n.origin?.type);
      for (const key of n.attrs.keys()) enforceNameLength(file, key);
      for (const sg of subgraphs(n)) stack.push([sg, depth + 1]);
    }
  }
}
