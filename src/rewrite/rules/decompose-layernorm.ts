import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { normalizeOver } from '../normalization-builder.js';

/**
 * LayerNormalization (opset 17) for targets without it: d = x − mean(x), y = d / √(mean(d²) + ε) · scale + B,
 * means over the axes from `axis` on (ReduceMean axes as an attribute before opset 18, an input after).
 */
export default defineRewrite({
  id: 'decompose-layernorm',
  description: 'LayerNormalization → ReduceMean, Sub, Mul, Add, Sqrt, Div',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__LayerNormalization.html',
  match(n, ctx) {
    if (
      !n ||
      n.op !== 'LayerNormalization' ||
      n.domain ||
      !n.inputs[0] ||
      !n.outputs[0] ||
      n.outputs.slice(1).some((o) => o && (o.consumers.length || ctx.graph.outputs.includes(o)))
    )
      return null;
    return n.inputs[0].shape ? n : null;
  },
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'layernorm');
    const x = n.inputs[0]!;
    const r = x.shape!.length;
    const a = n.int('axis', -1);
    const axes = [...Array(r - (a < 0 ? a + r : a)).keys()].map((i) => i + (a < 0 ? a + r : a));
    let y = b.op('Mul', [normalizeOver(b, x, axes, n.float('epsilon', 1e-5), ctx.opset), n.inputs[1]!]);
    if (n.inputs[2]) y = b.op('Add', [y, n.inputs[2]]);
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
