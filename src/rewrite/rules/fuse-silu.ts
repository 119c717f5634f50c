import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { onlyUse, otherInput, removeAll } from '../fusion-match.js';
import type { Node } from '../../ir/node.js';

/** x · Sigmoid(x) (PyTorch's SiLU export) → Swish(x) (opset ≥ 24, alpha 1). */
export default defineRewrite({
  id: 'fuse-silu',
  description: 'Sigmoid, Mul → Swish',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Swish.html',
  match(sig, ctx) {
    if (!sig || sig.domain || sig.op !== 'Sigmoid' || ctx.opset < 24) return null;
    const mul = onlyUse(sig.outputs[0], ctx.graph);
    return mul && !mul.domain && mul.op === 'Mul' && otherInput(mul, sig.outputs[0]!) === sig.inputs[0]
      ? { sig, mul }
      : null;
  },
  apply({ sig, mul }: { sig: Node; mul: Node }, ctx) {
    const out = ctx.graph.newValue(`${mul.name || 'silu'}_out`);
    const n = ctx.graph.addNode(
      {
        op: 'Swish',
        name: ctx.graph.uniqueNodeName(`${sig.name || 'Sigmoid'}_swish`),
        inputs: [sig.inputs[0]!],
        outputs: [out],
      },
      sig,
    );
    replaceNode(ctx.graph, mul, out);
    removeAll(ctx.graph, [sig]);
    return [n.name];
  },
});
