import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';

/**
 * Nearest Resize with coordinate mode asymmetric and nearest_mode floor (how PyTorch exports
 * nn.Upsample(mode='nearest')) picks x_in = floor(x_out / s). With an integer scale s the half_pixel
 * mode with round_prefer_floor picks round((x_out + 0.5) / s − 0.5): for x_out = k·s + r (0 ≤ r < s)
 * that is round(k + (r + 0.5)/s − 0.5), and (r + 0.5)/s − 0.5 lies strictly inside (−0.5, 0.5), so it
 * is k as well — the same pixels, in the mode NPUs such as RK3588's implement.
 */
export default defineRewrite({
  id: 'resize-nearest-to-half-pixel',
  description: 'nearest Resize asymmetric/floor with integer scales → half_pixel/round_prefer_floor (same pixels)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Resize.html',
  match(n, ctx) {
    if (!n || n.op !== 'Resize' || n.domain || ctx.opset < 11) return null;
    if (
      n.str('mode', 'nearest') !== 'nearest' ||
      n.str('coordinate_transformation_mode', 'half_pixel') !== 'asymmetric'
    )
      return null;
    if (n.str('nearest_mode', 'round_prefer_floor') !== 'floor' || n.attrs.has('axes')) return null;
    const x = n.inputs[0]?.shape,
      y = n.outputs[0]?.shape;
    if (!x || !y || x.length !== y.length) return null;
    const integer = x.every(
      (d, i) => typeof d === 'number' && typeof y[i] === 'number' && d > 0 && (y[i] as number) % d === 0,
    );
    return integer ? n : null;
  },
  apply(n) {
    n.attrs.set('coordinate_transformation_mode', attr.string('half_pixel'));
    n.attrs.set('nearest_mode', attr.string('round_prefer_floor'));
    return [n.name];
  },
});
