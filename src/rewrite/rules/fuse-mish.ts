import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { onlyUse, otherInput, removeAll } from '../fusion-match.js';
import type { Node } from '../../ir/node.js';

/** x · tanh(softplus(x)) → Mish(x) (opset ≥ 18). */
export default defineRewrite({
  id: 'fuse-mish',
  description: 'Softplus, Tanh, Mul → Mish',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Mish.html',
  match(sp, ctx) {
    if (!sp || sp.domain || sp.op !== 'Softplus' || ctx.opset < 18) return null;
    const th = onlyUse(sp.outputs[0], ctx.graph);
    const mul = th?.op === 'Tanh' ? onlyUse(th.outputs[0], ctx.graph) : null;
    return th && mul && mul.op === 'Mul' && otherInput(mul, th.outputs[0]!) === sp.inputs[0] ? { sp, th, mul } : null;
  },
  apply({ sp, th, mul }: { sp: Node; th: Node; mul: Node }, ctx) {
    const out = ctx.graph.newValue(`${sp.name || 'mish'}_out`);
    const n = ctx.graph.addNode(
      {
        op: 'Mish',
        name: ctx.graph.uniqueNodeName(`${sp.name || 'Softplus'}_mish`),
        inputs: [sp.inputs[0]!],
        outputs: [out],
      },
      sp,
    );
    replaceNode(ctx.graph, mul, out);
    removeAll(ctx.graph, [sp, th]);
    return [n.name];
  },
});
