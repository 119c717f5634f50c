import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** HardSwish(x) = x · max(0, min(1, x/6 + 1/2)) = x · Clip(x + 3, 0, 6) / 6 (opset ≥ 11 Clip with inputs). */
export default defineRewrite({
  id: 'decompose-hardswish',
  description: 'HardSwish → Add, Clip, Mul, Div',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__HardSwish.html',
  match: (n, ctx) => (n && n.op === 'HardSwish' && !n.domain && ctx.opset >= 11 && n.inputs[0] && n.outputs[0] ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'hardswish');
    const x = n.inputs[0]!;
    const dt = x.dtype ?? 'float32';
    const c = b.op('Clip', [b.op('Add', [x, b.scalar('three', 3, dt)]), b.scalar('zero', 0, dt), b.scalar('six', 6, dt)]);
    const y = b.op('Div', [b.op('Mul', [x, c]), b.scalar('six_d', 6, dt)]);
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
