import { defineRewrite } from '../define.js';
import { replaceNode } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import type { Node } from '../../ir/node.js';

const nums = (n: Node, i: number): number[] | null => {
  const v = n.inputs[i];
  const t = v ? knownValue(v) : null;
  return t ? tensorToNumbers(t) : null;
};
const same = (a: unknown[] | null | undefined, b: unknown[] | null | undefined): boolean =>
  !!a && !!b && a.length === b.length && a.every((d, i) => typeof d === 'number' && d === b[i]);

/** Is the node the identity on its first input (with static shapes or constant parameters)? */
function isNoop(n: Node): boolean {
  const x = n.inputs[0],
    y = n.outputs[0];
  if (!x || !y || n.outputs.length !== 1) return false;
  switch (n.op) {
    case 'Reshape':
    case 'Expand':
    case 'Squeeze':
    case 'Unsqueeze':
    case 'Flatten':
      return same(x.shape, y.shape);
    case 'Transpose': {
      const p = n.ints('perm');
      return !!p && p.every((v, i) => v === i);
    }
    case 'Cast':
      return !!x.dtype && x.dtype === y.dtype;
    case 'Concat':
      return n.inputs.length === 1;
    case 'Pad': {
      const p = n.ints('pads') ?? nums(n, 1);
      return !!p && p.every((v) => v === 0);
    }
    case 'Slice': {
      const st = nums(n, 1),
        steps = n.inputs[4] ? nums(n, 4) : null;
      return (
        !!st &&
        st.every((v) => v === 0) &&
        (!n.inputs[4] || (!!steps && steps.every((v) => v === 1))) &&
        same(x.shape, y.shape)
      );
    }
    case 'Tile': {
      const r = nums(n, 1);
      return !!r && r.every((v) => v === 1);
    }
    default:
      return false;
  }
}

/** Reshape/Expand/Squeeze to the same shape, identity Transpose, Cast to the same type, zero Pad, whole Slice, Tile by 1, one-input Concat: removed. */
export default defineRewrite({
  id: 'eliminate-noop',
  description: 'remove ops that return their input unchanged',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/ (each op’s definition)',
  match(n, ctx) {
    if (!n || n.domain || !isNoop(n)) return null;
    const x = n.inputs[0]!,
      y = n.outputs[0]!;
    // a graph output keeps its name: only when the input can be renamed (not a graph input, constant or shared)
    if (
      ctx.graph.outputs.includes(y) &&
      (ctx.graph.inputs.includes(x) || x.data || x.consumers.length > 1 || ctx.graph.outputs.includes(x))
    )
      return null;
    return n;
  },
  apply(n, ctx) {
    replaceNode(ctx.graph, n, n.inputs[0]!);
    return [];
  },
});
