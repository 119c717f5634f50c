import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';

/** Expand to a static shape = (Reshape to the output rank, when it grows) + Tile by out/in per axis. */
export default defineRewrite({
  id: 'expand-to-tile',
  description: 'Expand with a static result → Tile (after a Reshape when the rank grows)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Expand.html',
  match(n) {
    if (!n || n.domain || n.op !== 'Expand') return null;
    const x = n.inputs[0]?.shape,
      y = n.outputs[0]?.shape;
    if (!x || !y || [...x, ...y].some((d) => typeof d !== 'number') || y.length < x.length) return null;
    const xs = [...new Array<number>(y.length - x.length).fill(1), ...(x as number[])];
    if (xs.some((d, i) => d !== 1 && d !== y[i])) return null;
    return { n, xs, reps: (y as number[]).map((d, i) => d / xs[i]!) };
  },
  apply({ n, xs, reps }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'expand');
    let x = n.inputs[0]!;
    if (xs.length !== x.shape!.length) x = b.op('Reshape', [x, b.const('shape', 'int64', [xs.length], xs)]);
    replaceNode(ctx.graph, n, b.op('Tile', [x, b.const('repeats', 'int64', [reps.length], reps)]));
    return b.created;
  },
});
