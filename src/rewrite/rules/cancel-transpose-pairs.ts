import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';

/** Transpose(p2) ∘ Transpose(p1) = Transpose(p1[p2[i]]): one Transpose (the identity is then removed by eliminate-noop). */
export default defineRewrite({
  id: 'cancel-transpose-pairs',
  description: 'merge consecutive Transposes into one',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Transpose.html',
  match(t2, ctx) {
    if (!t2 || t2.domain || t2.op !== 'Transpose') return null;
    const t1 = t2.inputs[0]?.producer;
    if (
      !t1 ||
      t1.domain ||
      t1.op !== 'Transpose' ||
      t1.outputs[0]!.consumers.length !== 1 ||
      ctx.graph.outputs.includes(t1.outputs[0]!)
    )
      return null;
    const p1 = t1.ints('perm'),
      p2 = t2.ints('perm');
    if (!p1 || !p2 || p1.length !== p2.length) return null;
    return { t1, t2, perm: p2.map((i) => p1[i]!) };
  },
  apply({ t1, t2, perm }, ctx) {
    ctx.graph.setInput(t2, 0, t1.inputs[0]!);
    t2.attrs.set('perm', attr.ints(perm));
    const mid = t1.outputs[0]!;
    ctx.graph.removeNode(t1);
    ctx.graph.dropValue(mid);
    return [t2.name];
  },
});
