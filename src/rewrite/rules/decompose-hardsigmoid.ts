import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** HardSigmoid(x) = max(0, min(1, alpha·x + beta)) → Mul, Add, Clip (opset ≥ 11). */
export default defineRewrite({
  id: 'decompose-hardsigmoid',
  description: 'HardSigmoid → Mul, Add, Clip',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__HardSigmoid.html',
  match: (n, ctx) => (n && n.op === 'HardSigmoid' && !n.domain && ctx.opset >= 11 && n.inputs[0] && n.outputs[0] ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'hardsigmoid');
    const x = n.inputs[0]!;
    const dt = x.dtype ?? 'float32';
    const lin = b.op('Add', [b.op('Mul', [x, b.scalar('alpha', n.float('alpha', 0.2), dt)]), b.scalar('beta', n.float('beta', 0.5), dt)]);
    replaceNode(ctx.graph, n, b.op('Clip', [lin, b.scalar('zero', 0, dt), b.scalar('one', 1, dt)]));
    return b.created;
  },
});
