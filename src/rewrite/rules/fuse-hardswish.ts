import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { onlyUse, otherInput, removeAll } from '../fusion-match.js';
import type { Node } from '../../ir/node.js';

/** x · HardSigmoid(x; α = 1/6, β = 1/2) — how PyTorch exports hardswish before opset 14 — → HardSwish(x) (opset ≥ 14). */
export default defineRewrite({
  id: 'fuse-hardswish',
  description: 'HardSigmoid(x)·x → HardSwish',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__HardSwish.html',
  match(hs, ctx) {
    if (!hs || hs.domain || hs.op !== 'HardSigmoid' || ctx.opset < 14) return null;
    if (Math.abs(hs.float('alpha', 0.2) - 1 / 6) > 1e-7 || hs.float('beta', 0.5) !== 0.5) return null;
    const x = hs.inputs[0]!,
      mul = onlyUse(hs.outputs[0], ctx.graph);
    return mul && mul.op === 'Mul' && !mul.domain && otherInput(mul, hs.outputs[0]!) === x ? { hs, mul } : null;
  },
  apply({ hs, mul }: { hs: Node; mul: Node }, ctx) {
    const out = ctx.graph.newValue(`${hs.name || 'hardswish'}_out`);
    const n = ctx.graph.addNode(
      {
        op: 'HardSwish',
        name: ctx.graph.uniqueNodeName(`${hs.name || 'HardSigmoid'}_hardswish`),
        inputs: [hs.inputs[0]!],
        outputs: [out],
      },
      hs,
    );
    replaceNode(ctx.graph, mul, out);
    removeAll(ctx.graph, [hs]);
    return [n.name];
  },
});
