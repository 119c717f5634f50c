import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { near, onlyUse, otherInput, removeAll, scalarOf } from '../fusion-match.js';
import { attr } from '../../ir/attr.js';
import type { Node } from '../../ir/node.js';

/** Clip(x + 3, 0, 6) / 6 (hardsigmoid as written out) → HardSigmoid(x; α = 1/6, β = 1/2). */
export default defineRewrite({
  id: 'fuse-hardsigmoid',
  description: 'Add 3, Clip 0..6, Div 6 → HardSigmoid',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__HardSigmoid.html',
  match(add, ctx) {
    if (!add || add.domain || add.op !== 'Add' || ctx.opset < 11) return null;
    const x =
      add.inputs[0] && near(scalarOf(add.inputs[1]), 3)
        ? add.inputs[0]
        : add.inputs[1] && near(scalarOf(add.inputs[0]), 3)
          ? add.inputs[1]
          : null;
    const clip = x ? onlyUse(add.outputs[0], ctx.graph) : null;
    if (!clip || clip.op !== 'Clip' || !near(scalarOf(clip.inputs[1]), 0) || !near(scalarOf(clip.inputs[2]), 6))
      return null;
    const div = onlyUse(clip.outputs[0], ctx.graph);
    if (
      !div ||
      !(
        (div.op === 'Div' && near(scalarOf(div.inputs[1]), 6)) ||
        (div.op === 'Mul' && near(scalarOf(otherInput(div, clip.outputs[0]!)), 1 / 6))
      )
    )
      return null;
    return { add, clip, div, x: x! };
  },
  apply({ add, clip, div, x }: { add: Node; clip: Node; div: Node; x: NonNullable<Node['inputs'][number]> }, ctx) {
    const out = ctx.graph.newValue(`${add.name || 'hardsigmoid'}_out`);
    const n = ctx.graph.addNode(
      {
        op: 'HardSigmoid',
        name: ctx.graph.uniqueNodeName(`${add.name || 'Add'}_hardsigmoid`),
        inputs: [x],
        outputs: [out],
        attrs: new Map([
          ['alpha', attr.float(1 / 6)],
          ['beta', attr.float(0.5)],
        ]),
      },
      add,
    );
    replaceNode(ctx.graph, div, out);
    removeAll(ctx.graph, [add, clip]);
    return [n.name];
  },
});
