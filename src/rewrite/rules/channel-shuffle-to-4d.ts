import { defineRewrite } from '../define.js';
import { Builder } from '../builder.js';
import { attr } from '../../ir/attr.js';

/**
 * ShuffleNet's channel shuffle as PyTorch exports it — Reshape [N,g,C/g,H,W] → Transpose [0,2,1,3,4] →
 * Reshape [N,C,H,W] — works on 5-D tensors, which 4-D NPUs (RK3588) push to the CPU. H and W never
 * move, so they can be merged: Reshape [N,g,C/g,H·W] → Transpose [0,2,1,3] → Reshape [N,C,H,W] moves
 * the same elements to the same places.
 */
export default defineRewrite({
  id: 'channel-shuffle-to-4d',
  description: '5-D channel shuffle (Reshape-Transpose-Reshape) → the same shuffle on 4-D tensors',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Transpose.html',
  match(t, ctx) {
    if (!t || t.op !== 'Transpose' || t.domain || t.ints('perm')?.join(',') !== '0,2,1,3,4') return null;
    const a = t.inputs[0],
      r1 = a?.producer;
    if (!a || !r1 || r1.op !== 'Reshape' || a.consumers.length !== 1 || ctx.graph.outputs.includes(a)) return null;
    const s = a.shape;
    if (!s || s.length !== 5 || s.some((d) => typeof d !== 'number')) return null;
    return { t, r1, dims: s as number[] };
  },
  apply({ t, r1, dims }, ctx) {
    const [n, g, cg, h, w] = dims as [number, number, number, number, number];
    const b = new Builder(ctx.graph, r1, r1.name || 'shuffle');
    ctx.graph.setInput(r1, 1, b.const('shape_4d', 'int64', [4], [n, g, cg, h * w]));
    t.attrs.set('perm', attr.ints([0, 2, 1, 3]));
    return [r1.name, t.name];
  },
});
