import { defineRewrite } from '../define.js';
import type { Node } from '../../ir/node.js';
import type { Attr } from '../../ir/attr.js';

const attrKey = (a: Attr): string =>
  a.type === 'graph' || a.type === 'graphs' || a.type === 'tensor' || a.type === 'tensors' || a.type === 'opaque'
    ? '\u0000'
    : JSON.stringify(a.value);
/** A key equal for nodes that compute the same thing (same op, inputs and attributes); null for nodes never merged. */
function key(n: Node): string | null {
  const attrs = [...n.attrs].sort(([a], [b]) => a.localeCompare(b)).map(([k, a]) => `${k}=${attrKey(a)}`);
  if (attrs.some((a) => a.endsWith('\u0000')) || /Random|Dropout|Bernoulli/.test(n.op) || !n.inputs.length) return null;
  return `${n.domain}|${n.op}|${n.inputs.map((v) => v?.name ?? '').join(',')}|${attrs.join(';')}|${n.outputs.length}`;
}

/** Two nodes with the same op, inputs and attributes: the later one's outputs become the earlier one's. */
export default defineRewrite({
  id: 'eliminate-common-subexpressions',
  description: 'merge nodes that compute the same values',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/intro/concepts.html (an ONNX graph is a pure function of its inputs)',
  scope: 'graph',
  match(_n, ctx) {
    const g = ctx.graph,
      seen = new Map<string, Node>(),
      pairs: [Node, Node][] = [];
    for (const n of g.nodes) {
      const k = key(n);
      if (!k) continue;
      const first = seen.get(k);
      if (first && !n.outputs.some((o) => o && g.outputs.includes(o))) pairs.push([n, first]);
      else if (!first) seen.set(k, n);
    }
    return pairs.length ? pairs : null;
  },
  apply(pairs, ctx) {
    for (const [dup, keep] of pairs) {
      const outs = [...dup.outputs];
      ctx.graph.removeNode(dup);
      outs.forEach((o, i) => {
        if (o && keep.outputs[i]) {
          ctx.graph.replaceAllUses(o, keep.outputs[i]!);
          ctx.graph.dropValue(o);
        }
      });
    }
    return pairs.map(([, k]) => k.name);
  },
});
