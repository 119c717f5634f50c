import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { onlyUse, otherInput } from '../fusion-match.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers, numbersToBytes } from '../../ir/typed-data.js';
import { Tensor } from '../../ir/tensor.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';

/** Values of a constant that broadcasts per channel against a Conv output of rank `rank` ([C,1,…] / [1,C,1,…] or a scalar); null otherwise. */
function perChannel(v: Value | null, c: number, rank: number): number[] | null {
  const t = v ? knownValue(v) : null;
  if (!t) return null;
  if (t.count === 1) return new Array<number>(c).fill(tensorToNumbers(t)[0]!);
  if (t.dims.length > rank) return null;
  const aligned = [...new Array<number>(rank - t.dims.length).fill(1), ...t.dims]; // numpy broadcasting aligns the trailing axes
  return aligned[1] === c && aligned.every((x, i) => i === 1 || x === 1) ? tensorToNumbers(t) : null;
}

/** Conv followed by Add or Mul of a per-channel constant → the constant folded into the Conv's bias (Add) or weights and bias (Mul). */
export default defineRewrite({
  id: 'fuse-conv-add-mul',
  description: 'Conv + per-channel Add/Mul → Conv with new bias/weights',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Conv.html',
  match(conv, ctx) {
    if (
      !conv ||
      conv.domain ||
      conv.op !== 'Conv' ||
      !conv.inputs[1] ||
      !knownValue(conv.inputs[1]) ||
      (conv.inputs[2] && !knownValue(conv.inputs[2]))
    )
      return null;
    const y = conv.outputs[0]!,
      next = onlyUse(y, ctx.graph),
      w = knownValue(conv.inputs[1])!;
    if (
      !next ||
      next.domain ||
      (next.op !== 'Add' && next.op !== 'Mul') ||
      w.dtype !== 'float32' ||
      y.shape?.length !== w.dims.length
    )
      return null;
    const c = w.dims[0]!,
      k = perChannel(otherInput(next, y), c, w.dims.length);
    return k ? { conv, next, k, c } : null;
  },
  apply({ conv, next, k, c }: { conv: Node; next: Node; k: number[]; c: number }, ctx) {
    const w = knownValue(conv.inputs[1]!)!,
      per = w.count / c;
    const bias = conv.inputs[2] ? tensorToNumbers(knownValue(conv.inputs[2])!) : new Array<number>(c).fill(0);
    const set = (name: string, dims: number[], values: number[]): Value => {
      const v = ctx.graph.newValue(`${conv.name || 'conv'}_${name}`);
      v.data = Tensor.fromBytes('float32', dims, numbersToBytes('float32', values));
      v.dtype = 'float32';
      v.shape = dims;
      return v;
    };
    if (next.op === 'Mul') {
      const wv = tensorToNumbers(w).map((x, i) => x * k[Math.floor(i / per)]!);
      ctx.graph.setInput(conv, 1, set('weight_scaled', [...w.dims], wv));
      ctx.graph.setInput(
        conv,
        2,
        set(
          'bias_scaled',
          [c],
          bias.map((b, i) => b * k[i]!),
        ),
      );
    } else
      ctx.graph.setInput(
        conv,
        2,
        set(
          'bias_added',
          [c],
          bias.map((b, i) => b + k[i]!),
        ),
      );
    replaceNode(ctx.graph, next, conv.outputs[0]!);
    return [conv.name];
  },
});
