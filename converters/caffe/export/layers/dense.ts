/** Gemm and MatMul with constant weights → InnerProduct (transposes, alpha and beta folded into the blobs). */
import type { Node } from '../../../../src/ir/node.js';
import {
  blob,
  CaffeRefusal,
  constF32,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';
import { deferredBlob, floatConst, scaledInto, transposedInto, valuesOf } from '../deferred-blob.js';

function gemm(n: Node, c: WriteCtx): void {
  if (n.int('transA', 0) !== 0) throw new CaffeRefusal('transA = 1: InnerProduct multiplies the input as it is');
  const a = staticDims(n.inputs[0]);
  if (a.length !== 2) throw new CaffeRefusal(`${a.length}-D input`);
  const b = floatConst(n.inputs[1]);
  if (!b) throw new CaffeRefusal('B is not a constant: InnerProduct keeps its weights as a blob');
  const [k, m] = n.int('transB', 0)
    ? [staticDims(n.inputs[1])[1]!, staticDims(n.inputs[1])[0]!]
    : staticDims(n.inputs[1]);
  const alpha = n.float('alpha', 1),
    beta = n.float('beta', 1);
  const transB = n.int('transB', 0) !== 0;
  // the weights are read (and transposed or scaled) when the writer reaches them
  const blobs = [
    deferredBlob([m!, k!], (scratch) => {
      const values = valuesOf(b, scratch);
      if (!transB) return transposedInto(values, k!, m!, alpha, scratch);
      return alpha === 1 ? values : scaledInto(values, alpha, scratch);
    }),
  ];
  if (n.inputs[2]) {
    const bias = constF32(n.inputs[2]);
    if (!bias || (bias.length !== 1 && bias.length !== m))
      throw new CaffeRefusal('C is not a constant bias of N values');
    blobs.push(
      blob(
        [m!],
        Float32Array.from({ length: m! }, (_, i) => bias[bias.length === 1 ? 0 : i]! * beta),
      ),
    );
  }
  innerProduct(n, c, m!, 1, blobs);
}

function matmul(n: Node, c: WriteCtx): void {
  const a = staticDims(n.inputs[0]);
  const b = floatConst(n.inputs[1]);
  const bd = staticDims(n.inputs[1]);
  if (!b || bd.length !== 2)
    throw new CaffeRefusal('the second operand is not a constant [K,N] matrix: Caffe has no MatMul of two blobs');
  if (a.length < 2) throw new CaffeRefusal('1-D input');
  const [k, m] = bd as [number, number];
  const weights = deferredBlob([m, k], (scratch) => transposedInto(valuesOf(b, scratch), k, m, 1, scratch));
  innerProduct(n, c, m, a.length - 1, [weights]);
}

function innerProduct(n: Node, c: WriteCtx, numOutput: number, axis: number, blobs: ReturnType<typeof blob>[]): void {
  c.emit({
    name: layerName(n, c),
    type: 'InnerProduct',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: {
      inner_product_param: { num_output: numOutput, bias_term: blobs.length > 1, ...(axis !== 1 ? { axis } : {}) },
    },
    blobs,
  });
}

export const denseFamily: LayerFamily = {
  ops: ['Gemm', 'MatMul'],
  write: (n, c) => (n.op === 'Gemm' ? gemm(n, c) : matmul(n, c)),
};
