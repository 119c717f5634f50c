import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { attr } from '../../ir/attr.js';

/** Softmax/LogSoftmax over a middle axis (opset ≥ 13) → Transpose that axis last, the op over −1, Transpose back. */
export default defineRewrite({
  id: 'softmax-to-last-axis',
  description: 'Softmax on a non-last axis → Transpose, Softmax(−1), Transpose',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Softmax.html',
  match(n, ctx) {
    if (!n || n.domain || (n.op !== 'Softmax' && n.op !== 'LogSoftmax') || ctx.opset < 13) return null;
    const r = n.inputs[0]?.shape?.length;
    if (!r) return null;
    const a = (n.int('axis', -1) + r) % r;
    return a === r - 1 ? null : { n, a, r };
  },
  apply({ n, a, r }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'softmax');
    const perm = [...Array(r).keys()];
    [perm[a], perm[r - 1]] = [perm[r - 1]!, perm[a]!]; // a swap is its own inverse
    const t = b.op('Transpose', [n.inputs[0]!], new Map([['perm', attr.ints(perm)]]));
    const s = b.op(n.op, [t], new Map([['axis', attr.int(-1)]]));
    replaceNode(ctx.graph, n, b.op('Transpose', [s], new Map([['perm', attr.ints(perm)]])));
    return b.created;
  },
});
