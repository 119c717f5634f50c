import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { attr } from '../../ir/attr.js';

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
    if (!n || n.op !== 'LayerNormalization' || n.domain || !n.inputs[0] || !n.outputs[0] || n.outputs.slice(1).some((o) => o && (o.consumers.length || ctx.graph.outputs.includes(o)))) return null;
    return n.inputs[0].shape ? n : null;
  },
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'layernorm');
    const x = n.inputs[0]!;
    const r = x.shape!.length;
    const a = n.int('axis', -1);
    const axes = [...Array(r - (a < 0 ? a + r : a)).keys()].map((i) => i + (a < 0 ? a + r : a));
    const dt = x.dtype ?? 'float32';
    const mean = (v: typeof x): typeof x => (ctx.opset >= 18
      ? b.op('ReduceMean', [v, b.const('axes', 'int64', [axes.length], axes)], new Map([['keepdims', attr.int(1)]]))
      : b.op('ReduceMean', [v], new Map([['axes', attr.ints(axes)], ['keepdims', attr.int(1)]])));
    const d = b.op('Sub', [x, mean(x)]);
    const std = b.op('Sqrt', [b.op('Add', [mean(b.op('Mul', [d, d])), b.scalar('eps', n.float('epsilon', 1e-5), dt)])]);
    let y = b.op('Mul', [b.op('Div', [d, std]), n.inputs[1]!]);
    if (n.inputs[2]) y = b.op('Add', [y, n.inputs[2]]);
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
