import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { onlyUse, removeAll } from '../fusion-match.js';
import { attr } from '../../ir/attr.js';
import type { Node } from '../../ir/node.js';

/**
 * Space-to-depth written out, as YOLOv2 ports and PyTorch's pixel-unshuffle-by-hand export it: Reshape
 * [N,C,H,W] → [N,C,H/b,b,W/b,b], Transpose [0,3,5,1,2,4], Reshape [N,C·b²,H/b,W/b]. The 6-D tensor in the middle
 * is beyond 4-D NPUs; the three nodes move exactly the elements ONNX SpaceToDepth (blocksize b) moves.
 */
const PERM = '0,3,5,1,2,4';

function staticDims(v: { shape: unknown } | null | undefined): number[] | null {
  const s = v?.shape as (number | string)[] | null | undefined;
  return s && s.every((d) => typeof d === 'number') ? (s as number[]) : null;
}

export default defineRewrite({
  id: 'fuse-space-to-depth',
  description: 'Reshape (6-D), Transpose [0,3,5,1,2,4], Reshape → SpaceToDepth',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__SpaceToDepth.html',
  match(r1: Node | null, ctx) {
    if (!r1 || r1.domain || r1.op !== 'Reshape') return null;
    const x = staticDims(r1.inputs[0]);
    const six = staticDims(r1.outputs[0]);
    if (!x || x.length !== 4 || !six || six.length !== 6) return null;
    const [n, c, h, w] = x as [number, number, number, number];
    const b = six[3]!;
    if (b < 2 || six[5] !== b || h % b || w % b) return null;
    if (six.join() !== [n, c, h / b, b, w / b, b].join()) return null;
    const t = onlyUse(r1.outputs[0], ctx.graph);
    if (!t || t.domain || t.op !== 'Transpose' || t.ints('perm')?.join(',') !== PERM) return null;
    const r2 = onlyUse(t.outputs[0], ctx.graph);
    if (!r2 || r2.domain || r2.op !== 'Reshape') return null;
    if (staticDims(r2.outputs[0])?.join() !== [n, c * b * b, h / b, w / b].join()) return null;
    return { r1, t, r2, b };
  },
  apply({ r1, t, r2, b }: { r1: Node; t: Node; r2: Node; b: number }, ctx) {
    const out = ctx.graph.newValue(`${r2.name || 'space_to_depth'}_out`);
    const node = ctx.graph.addNode(
      {
        op: 'SpaceToDepth',
        name: ctx.graph.uniqueNodeName(`${r1.name || 'Reshape'}_space_to_depth`),
        inputs: [r1.inputs[0]!],
        outputs: [out],
        attrs: new Map([['blocksize', attr.int(b)]]),
      },
      r1,
    );
    replaceNode(ctx.graph, r2, out);
    removeAll(ctx.graph, [r1, t]);
    return [node.name];
  },
});
