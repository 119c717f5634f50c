import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** Gelu (opset 20, approximate="none") = 0.5 · x · (1 + erf(x / √2)) → Div, Erf, Add, Mul. */
export default defineRewrite({
  id: 'decompose-gelu',
  description: 'Gelu (erf form) → Div, Erf, Add, Mul',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Gelu.html',
  match: (n) => (n && n.op === 'Gelu' && !n.domain && n.str('approximate', 'none') === 'none' && n.inputs[0] && n.outputs[0] ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'gelu');
    const x = n.inputs[0]!;
    const dt = x.dtype ?? 'float32';
    const e = b.op('Erf', [b.op('Div', [x, b.scalar('sqrt2', Math.SQRT2, dt)])]);
    const y = b.op('Mul', [b.op('Mul', [x, b.op('Add', [e, b.scalar('one', 1, dt)])]), b.scalar('half', 0.5, dt)]);
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
