import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** PRelu(x, s) = max(x, 0) + s · min(x, 0) = Relu(x) − s · Relu(−x). */
export default defineRewrite({
  id: 'decompose-prelu',
  description: 'PRelu → Relu, Neg, Mul, Sub',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__PRelu.html',
  match: (n) => (n && n.op === 'PRelu' && !n.domain && n.inputs[0] && n.inputs[1] && n.outputs[0] ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'prelu');
    const [x, s] = [n.inputs[0]!, n.inputs[1]!];
    replaceNode(ctx.graph, n, b.op('Sub', [b.op('Relu', [x]), b.op('Mul', [s, b.op('Relu', [b.op('Neg', [x])])])]));
    return b.created;
  },
});
