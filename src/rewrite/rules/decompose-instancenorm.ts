import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { normalizeOver } from '../normalization-builder.js';

/** InstanceNormalization(x, scale[C], B[C]) = (x − mean) / √(var + ε) over the spatial axes, then · scale + B per channel. */
export default defineRewrite({
  id: 'decompose-instancenorm',
  description: 'InstanceNormalization → ReduceMean, Sub, Mul, Sqrt, Div, Mul, Add',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__InstanceNormalization.html',
  match: (n) =>
    n && !n.domain && n.op === 'InstanceNormalization' && (n.inputs[0]?.shape?.length ?? 0) >= 3 ? n : null,
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'instancenorm');
    const x = n.inputs[0]!,
      r = x.shape!.length,
      c = x.shape![1] as number;
    const perChannel = [c, ...new Array<number>(r - 2).fill(1)];
    const y = normalizeOver(
      b,
      x,
      [...Array(r - 2).keys()].map((i) => i + 2),
      n.float('epsilon', 1e-5),
      ctx.opset,
    );
    const s = b.op('Reshape', [n.inputs[1]!, b.const('scale_shape', 'int64', [perChannel.length], perChannel)]);
    const bias = b.op('Reshape', [n.inputs[2]!, b.const('bias_shape', 'int64', [perChannel.length], perChannel)]);
    replaceNode(ctx.graph, n, b.op('Add', [b.op('Mul', [y, s]), bias]));
    return b.created;
  },
});
