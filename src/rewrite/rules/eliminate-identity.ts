import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';

/** Identity y = x: consumers of y use x. Kept where y is a graph output that x cannot take the name of. */
export default defineRewrite({
  id: 'eliminate-identity',
  description: 'remove Identity nodes',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Identity.html',
  match(n, ctx) {
    if (!n || n.op !== 'Identity' || n.domain || !n.inputs[0] || !n.outputs[0]) return null;
    const x = n.inputs[0],
      y = n.outputs[0];
    if (
      ctx.graph.outputs.includes(y) &&
      (ctx.graph.inputs.includes(x) ||
        x.data ||
        ctx.graph.outputs.includes(x) ||
        !ctx.graph.values.has(x.name) ||
        x.consumers.length > 1)
    )
      return null;
    return n;
  },
  apply(n, ctx) {
    replaceNode(ctx.graph, n, n.inputs[0]!);
    return [];
  },
});
