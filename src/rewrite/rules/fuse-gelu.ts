import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { near, onlyUse, otherInput, scalarOf, removeAll } from '../fusion-match.js';
import type { Node } from '../../ir/node.js';

/** PyTorch's erf GELU, Div(x, √2) → Erf → Add 1 → Mul x → Mul ½ (or Mul(x, 1/√2) first), → Gelu(x) (opset ≥ 20). */
export default defineRewrite({
  id: 'fuse-gelu',
  description: 'x·½·(1 + erf(x/√2)) → Gelu',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Gelu.html',
  match(erf, ctx) {
    if (!erf || erf.domain || erf.op !== 'Erf' || (ctx.opset < 20 && !ctx.options.forExport)) return null;
    const g = ctx.graph,
      scale = erf.inputs[0]?.producer;
    if (!scale || onlyUse(scale.outputs[0], g) !== erf) return null;
    const x = scale.inputs[0]!;
    if (!(
      (scale.op === 'Div' && near(scalarOf(scale.inputs[1]), Math.SQRT2)) ||
      (scale.op === 'Mul' && near(scalarOf(scale.inputs[1]), Math.SQRT1_2))
    ))
      return null;
    const add = onlyUse(erf.outputs[0], g);
    if (!add || add.op !== 'Add' || !near(scalarOf(otherInput(add, erf.outputs[0]!)), 1)) return null;
    const m1 = onlyUse(add.outputs[0], g);
    if (!m1 || m1.op !== 'Mul' || otherInput(m1, add.outputs[0]!) !== x) return null;
    const m2 = onlyUse(m1.outputs[0], g);
    if (!m2 || m2.op !== 'Mul' || !near(scalarOf(otherInput(m2, m1.outputs[0]!)), 0.5)) return null;
    return { nodes: [scale, erf, add, m1], last: m2, x };
  },
  apply({ nodes, last, x }: { nodes: Node[]; last: Node; x: Node['inputs'][number] }, ctx) {
    const out = ctx.graph.newValue(`${last.name || 'gelu'}_out`);
    const n = ctx.graph.addNode(
      { op: 'Gelu', name: ctx.graph.uniqueNodeName(`${nodes[1]!.name || 'Erf'}_gelu`), inputs: [x!], outputs: [out] },
      nodes[0],
    );
    replaceNode(ctx.graph, last, out);
    removeAll(ctx.graph, nodes);
    return [n.name];
  },
});
