import { defineRewrite } from '../define.js';
import { Builder } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';

/** Resize by constant scales that give whole output sizes → Resize to those sizes (the same coordinates; for targets that take sizes). */
export default defineRewrite({
  id: 'resize-scales-to-sizes',
  description: 'Resize scales → sizes (static shapes)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Resize.html',
  match(n, ctx) {
    if (
      !n ||
      n.domain ||
      n.op !== 'Resize' ||
      ctx.opset < 13 ||
      !n.inputs[2] ||
      n.inputs[3] ||
      !knownValue(n.inputs[2]) ||
      n.attrs.has('axes')
    )
      return null;
    if (n.str('coordinate_transformation_mode', 'half_pixel') === 'tf_crop_and_resize') return null;
    const y = n.outputs[0]?.shape,
      x = n.inputs[0]?.shape,
      scales = tensorToNumbers(knownValue(n.inputs[2])!);
    if (!y || !x || [...x, ...y].some((d) => typeof d !== 'number')) return null;
    // the same coordinates only when out = in · scale exactly (else Resize would derive another scale from the sizes)
    return scales.every((s, i) => (x[i] as number) * s === y[i]) ? { n, sizes: y as number[] } : null;
  },
  apply({ n, sizes }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'resize');
    ctx.graph.setInput(n, 2, null);
    ctx.graph.setInput(n, 3, b.const('sizes', 'int64', [sizes.length], sizes));
    return [n.name, ...b.created];
  },
});
