import { defineRewrite } from '../define.js';
import { Builder } from '../builder.js';
import { attr } from '../../ir/attr.js';

/** Upsample (deprecated since opset 10) in a model of opset ≥ 11 → Resize with the same meaning (asymmetric, nearest rounds down). */
export default defineRewrite({
  id: 'upsample-to-resize',
  description: 'Upsample → Resize (asymmetric coordinates, floor)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Upsample.html',
  match: (n, ctx) => (n && !n.domain && n.op === 'Upsample' && n.inputs[1] && ctx.opset >= 11 ? n : null),
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'upsample');
    const scales = n.inputs[1]!;
    ctx.graph.setInput(n, 1, b.const('roi', 'float32', [0], []));
    ctx.graph.setInput(n, 2, scales);
    n.op = 'Resize';
    n.attrs.set('coordinate_transformation_mode', attr.string('asymmetric'));
    if (n.str('mode', 'nearest') === 'nearest') n.attrs.set('nearest_mode', attr.string('floor'));
    return [n.name, ...b.created];
  },
});
