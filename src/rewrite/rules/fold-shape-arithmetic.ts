import { defineRewrite } from '../define.js';
import { evalNode } from '../../eval/eval-node.js';
import { Tensor } from '../../ir/tensor.js';

/** Shape / Size of a value with static dims become constants; fold-constants then folds the arithmetic on them. */
export default defineRewrite({
  id: 'fold-shape-arithmetic',
  description: 'replace Shape/Size of statically shaped values by constants',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Shape.html',
  match(n, ctx) {
    if (!n || n.domain || (n.op !== 'Shape' && n.op !== 'Size') || !n.outputs[0]) return null;
    const s = n.inputs[0]?.shape;
    if (!s || !s.every((d) => typeof d === 'number')) return null;
    if (n.op === 'Size')
      return {
        n,
        value: Tensor.fromArray('int64', [], new BigInt64Array([BigInt((s as number[]).reduce((a, b) => a * b, 1))])),
      };
    const out = evalNode(n, [], ctx.opset);
    return out ? { n, value: out[0]! } : null;
  },
  apply({ n, value }, ctx) {
    const v = n.outputs[0]!;
    ctx.graph.removeNode(n);
    v.data = value;
    v.dtype = value.dtype;
    v.shape = [...value.dims];
    delete v.meta.value;
    return [];
  },
});
