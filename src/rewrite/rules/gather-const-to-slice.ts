import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';

/** Gather with a constant scalar index → Slice of one + Squeeze; with constant consecutive indices → Slice. */
export default defineRewrite({
  id: 'gather-const-to-slice',
  description: 'Gather of constant consecutive indices → Slice (+ Squeeze for a scalar index)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Gather.html',
  match(n, ctx) {
    if (!n || n.domain || n.op !== 'Gather' || ctx.opset < 13) return null;
    const x = n.inputs[0]?.shape,
      t = n.inputs[1] ? knownValue(n.inputs[1]) : null;
    if (!x || !t || t.dims.length > 1 || n.inputs[0]!.data) return null;
    const axis = (n.int('axis', 0) + x.length) % x.length,
      dim = x[axis];
    if (typeof dim !== 'number') return null;
    const idx = tensorToNumbers(t).map((i) => (i < 0 ? i + dim : i));
    if (!idx.length || idx.some((i, k) => i !== idx[0]! + k || i < 0 || i >= dim)) return null;
    return { n, axis, start: idx[0]!, count: idx.length, scalar: t.dims.length === 0 };
  },
  apply({ n, axis, start, count, scalar }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'gather');
    let y = b.op('Slice', [
      n.inputs[0]!,
      b.const('starts', 'int64', [1], [start]),
      b.const('ends', 'int64', [1], [start + count]),
      b.const('axes', 'int64', [1], [axis]),
    ]);
    if (scalar) y = b.op('Squeeze', [y, b.const('squeeze_axes', 'int64', [1], [axis])]);
    replaceNode(ctx.graph, n, y);
    return b.created;
  },
});
