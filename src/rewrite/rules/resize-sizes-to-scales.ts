import { defineRewrite } from '../define.js';
import { Builder } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';

/**
 * Resize to constant sizes → Resize by scales, only when every size is an exact multiple (or divisor) of
 * the input dim, so the scale is exact in float32 and both forms sample the same coordinates.
 */
export default defineRewrite({
  id: 'resize-sizes-to-scales',
  description: 'Resize sizes → scales (exact integer ratios)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Resize.html',
  match(n, ctx) {
    if (!n || n.domain || n.op !== 'Resize' || ctx.opset < 13 || !n.inputs[3] || n.attrs.has('axes')) return null;
    const t = knownValue(n.inputs[3]),
      x = n.inputs[0]?.shape;
    if (!t || !x || x.some((d) => typeof d !== 'number')) return null;
    const sizes = tensorToNumbers(t);
    const scales = sizes.map((s, i) => s / (x[i] as number));
    const exact = scales.every((s, i) => Number.isInteger(s) || Number.isInteger(1 / s) || sizes[i] === x[i]);
    return exact && sizes.length === x.length ? { n, scales } : null;
  },
  apply({ n, scales }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'resize');
    ctx.graph.setInput(n, 3, null);
    ctx.graph.setInput(n, 2, b.const('scales', 'float32', [scales.length], scales));
    while (n.inputs.length && n.inputs[n.inputs.length - 1] === null) (n.inputs as unknown[]).pop();
    return [n.name, ...b.created];
  },
});
