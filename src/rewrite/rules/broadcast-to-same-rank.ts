import { defineRewrite } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';

const BINARY = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Max',
  'Min',
  'Equal',
  'Greater',
  'Less',
  'And',
  'Or',
  'PRelu',
]);

/**
 * A constant operand of lower rank than the other operand of a broadcasting binary op → the same constant
 * with leading 1-dims (numpy aligns trailing axes, so the values are the same; the bytes are shared, not
 * copied). Runtimes that align a lower-rank operand with the leading axes (ncnn's BinaryOp) then compute
 * the same thing.
 */
export default defineRewrite({
  id: 'broadcast-to-same-rank',
  description: 'lower-rank constant operand of a binary op → same rank (leading 1-dims)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/repo-docs/Broadcasting.html',
  match(n) {
    if (!n || n.domain || !BINARY.has(n.op) || n.inputs.length !== 2) return null;
    const rank = Math.max(...n.inputs.map((v) => v?.shape?.length ?? -1));
    const i = n.inputs.findIndex((v) => v?.data && v.shape && v.shape.length < rank && v.data.dims.length > 0);
    return i >= 0 && rank > 0 ? { n, i, rank } : null;
  },
  apply({ n, i, rank }: { n: Node; i: number; rank: number }, ctx) {
    const c = n.inputs[i]! as Value,
      t = c.data!;
    const dims = [...new Array<number>(rank - t.dims.length).fill(1), ...t.dims];
    const v = ctx.graph.newValue(`${c.name}_rank${rank}`);
    v.data = t.external
      ? Tensor.fromExternal(t.dtype, dims, t.external)
      : Tensor.fromBytes(t.dtype, dims, t.bytes(), t.quant);
    v.dtype = t.dtype;
    v.shape = dims;
    ctx.graph.setInput(n, i, v);
    if (!c.consumers.length) ctx.graph.dropValue(c);
    return [n.name];
  },
});
