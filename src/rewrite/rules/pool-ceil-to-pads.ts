import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';

/**
 * ceil_mode = 1 pooling → ceil_mode = 0 with the end pads grown by the overhang of the last window:
 * (out − 1)·s + (k − 1)·d + 1 − (in + pad_begin + pad_end). Max pooling pads with −∞ (exact); average
 * pooling is exact only with count_include_pad = 0 (the overhang is not counted either way).
 */
export default defineRewrite({
  id: 'pool-ceil-to-pads',
  description: 'ceil_mode pooling → floor mode with explicit extra end padding',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__MaxPool.html',
  match(n) {
    if (!n || n.domain || (n.op !== 'MaxPool' && n.op !== 'AveragePool') || !n.int('ceil_mode', 0) || n.outputs[1])
      return null;
    if (n.op === 'AveragePool' && n.int('count_include_pad', 0)) return null;
    if (n.str('auto_pad', 'NOTSET') !== 'NOTSET') return null;
    const x = n.inputs[0]?.shape,
      y = n.outputs[0]?.shape,
      k = n.ints('kernel_shape');
    if (!x || !y || !k || [...x, ...y].some((d) => typeof d !== 'number')) return null;
    const r = k.length,
      s = n.ints('strides') ?? k.map(() => 1),
      d = n.ints('dilations') ?? k.map(() => 1);
    const pads = [...(n.ints('pads') ?? new Array<number>(2 * r).fill(0))];
    for (let i = 0; i < r; i++) {
      const extra =
        ((y[2 + i] as number) - 1) * s[i]! + (k[i]! - 1) * d[i]! + 1 - ((x[2 + i] as number) + pads[i]! + pads[r + i]!);
      if (extra > 0) pads[r + i] = pads[r + i]! + extra;
    }
    return { n, pads };
  },
  apply({ n, pads }) {
    n.attrs.set('pads', attr.ints(pads));
    n.attrs.set('ceil_mode', attr.int(0));
    return [n.name];
  },
});
