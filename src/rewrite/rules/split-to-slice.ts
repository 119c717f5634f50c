import { defineRewrite } from '../define.js';
import { Builder } from '../builder.js';

/** Split with static output sizes → one Slice per output. */
export default defineRewrite({
  id: 'split-to-slice',
  description: 'Split → Slices',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Split.html',
  match(n, ctx) {
    if (!n || n.domain || n.op !== 'Split' || ctx.opset < 10) return null;
    const x = n.inputs[0]?.shape;
    if (!x) return null;
    const axis = (n.int('axis', 0) + x.length) % x.length;
    const sizes = n.outputs.map((o) => o?.shape?.[axis]);
    return sizes.every((s) => typeof s === 'number') ? { n, axis, sizes: sizes as number[] } : null;
  },
  apply({ n, axis, sizes }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'split');
    const x = n.inputs[0]!,
      outs = [...n.outputs];
    ctx.graph.removeNode(n);
    let at = 0;
    outs.forEach((o, i) => {
      const start = at;
      at += sizes[i]!;
      if (!o) return;
      b.op(
        'Slice',
        [
          x,
          b.const(`starts_${i}`, 'int64', [1], [start]),
          b.const(`ends_${i}`, 'int64', [1], [at]),
          b.const(`axes_${i}`, 'int64', [1], [axis]),
        ],
        new Map(),
        o,
      );
    });
    return b.created;
  },
});
