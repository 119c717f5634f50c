import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** Mish(x) = x · tanh(softplus(x)) → Softplus, Tanh, Mul. */
export default defineRewrite({
  id: 'decompose-mish',
  description: 'Mish → Softplus, Tanh, Mul',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Mish.html',
  match: (n) => (n && n.op === 'Mish' && !n.domain && n.inputs[0] && n.outputs[0] ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'mish');
    const x = n.inputs[0]!;
    replaceNode(ctx.graph, n, b.op('Mul', [x, b.op('Tanh', [b.op('Softplus', [x])])]));
    return b.created;
  },
});
