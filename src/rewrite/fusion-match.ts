/** Small matching helpers for fusion rules: single-consumer chains and constant scalars. */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { knownValue } from '../shape/infer.js';
import { tensorToNumbers } from '../ir/typed-data.js';

/** The only consumer of a value that is not a graph output (null otherwise). */
export function onlyUse(v: Value | null | undefined, g: Graph): Node | null {
  return v && v.consumers.length === 1 && !g.outputs.includes(v) ? v.consumers[0]! : null;
}
/** The constant scalar value of a value (null when not a one-element constant). */
export function scalarOf(v: Value | null | undefined): number | null {
  const t = v ? knownValue(v) : null;
  return t && t.count === 1 ? tensorToNumbers(t)[0]! : null;
}
/** For a binary node, the operand other than `v`. */
export function otherInput(n: Node, v: Value): Value | null {
  return n.inputs[0] === v ? (n.inputs[1] ?? null) : n.inputs[1] === v ? (n.inputs[0] ?? null) : null;
}
export const near = (a: number | null, b: number, tol = 1e-6): boolean =>
  a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** Remove matched nodes (last first) and the values only they produced. */
export function removeAll(g: Graph, nodes: Node[]): void {
  for (const n of [...nodes].reverse()) {
    const outs = n.outputs.filter((o): o is Value => !!o);
    g.removeNode(n);
    for (const o of outs) g.dropValue(o);
  }
}
