import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { knownValue } from '../../shape/infer.js';

/** MatMul(A[M,K], B[K,N]) + C (C broadcastable to [M,N], constant) → Gemm(A, B, C). */
export default defineRewrite({
  id: 'fuse-matmul-add-gemm',
  description: '2-D MatMul followed by a bias Add → Gemm',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Gemm.html',
  match(mm, ctx) {
    if (!mm || mm.domain || mm.op !== 'MatMul') return null;
    const a = mm.inputs[0]?.shape,
      bShape = mm.inputs[1]?.shape,
      y = mm.outputs[0]!;
    if (a?.length !== 2 || bShape?.length !== 2 || y.consumers.length !== 1 || ctx.graph.outputs.includes(y))
      return null;
    const add = y.consumers[0]!;
    if (add.op !== 'Add' || add.domain) return null;
    const c = add.inputs[0] === y ? add.inputs[1] : add.inputs[0];
    const cs = c?.shape,
      n = bShape[1];
    if (
      !c ||
      !knownValue(c) ||
      !cs ||
      cs.length > 2 ||
      (cs.length >= 1 && cs[cs.length - 1] !== n && cs[cs.length - 1] !== 1) ||
      (cs.length === 2 && cs[0] !== 1 && cs[0] !== a[0])
    )
      return null;
    return { mm, add, c };
  },
  apply({ mm, add, c }, ctx) {
    const out = ctx.graph.newValue(`${mm.name || 'gemm'}_out`);
    const g = ctx.graph.addNode(
      {
        op: 'Gemm',
        name: ctx.graph.uniqueNodeName(`${mm.name || 'MatMul'}_gemm`),
        inputs: [mm.inputs[0]!, mm.inputs[1]!, c],
        outputs: [out],
      },
      mm,
    );
    replaceNode(ctx.graph, add, out);
    ctx.graph.removeNode(mm);
    return [g.name];
  },
});
