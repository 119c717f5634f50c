import type { Model } from '../ir/model.js';
import type { Graph } from '../ir/graph.js';
import { subgraphs } from '../ir/graph.js';
import { enforceLimit, enforceNameLengths } from './limits.js';

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
    enforceNameLengths(file, [g.name]);
    nodes += g.nodes.length;
    enforceLimit(file, 'nodes', nodes);
    for (const v of g.values.values()) enforceNameLengths(file, [v.name]);
    for (const n of g.nodes) {
      enforceLimit(file, 'attributesPerNode', n.attrs.size);
      enforceLimit(file, 'valuesPerNode', Math.max(n.inputs.length, n.outputs.length));
      enforceNameLengths(file, [n.name, n.op, n.domain, n.origin?.name, n.origin?.type, ...n.attrs.keys()]);
      for (const sg of subgraphs(n)) stack.push([sg, depth + 1]);
    }
  }
}
