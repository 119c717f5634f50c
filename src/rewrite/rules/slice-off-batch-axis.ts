import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import type { Node } from '../../ir/node.js';

/**
 * A Slice of a tensor whose axis 0 is not 1 (e.g. the [seq, 1, 3·E] in-projection of PyTorch's
 * sequence-first MultiheadAttention) that slices other axes only, when some other axis has size 1: a
 * Reshape moves that unit axis to the front (same memory order), the Slice runs with batch 1 on the
 * shifted axes, and a Reshape restores the output shape. For toolchains whose Slice takes batch 1 only.
 */
interface Match {
  n: Node;
  x: number[];
  y: number[];
  unit: number;
  axes: number[];
}

export default defineRewrite<Match>({
  id: 'slice-off-batch-axis',
  description: 'Slice with axis 0 > 1 → Reshape (unit axis first), Slice, Reshape',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Slice.html',
  match(n, ctx) {
    if (!n || n.op !== 'Slice' || n.domain || ctx.opset < 10) return null;
    const xs = n.inputs[0]?.shape,
      ys = n.outputs[0]?.shape;
    if (!xs || !ys || [...xs, ...ys].some((d) => typeof d !== 'number') || xs.length < 3 || xs[0] === 1) return null;
    const x = xs as number[],
      r = x.length;
    const axesT = n.inputs[3] ? knownValue(n.inputs[3]) : null;
    if (!axesT || !n.inputs[1] || !knownValue(n.inputs[1])) return null;
    const axes = tensorToNumbers(axesT).map((a) => (a < 0 ? a + r : a));
    if (axes.includes(0) || ys[0] !== x[0]) return null;
    const unit = x.findIndex((d, i) => i > 0 && d === 1 && !axes.includes(i));
    return unit > 0 ? { n, x, y: ys as number[], unit, axes } : null;
  },
  apply({ n, x, y, unit, axes }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'slice');
    const front = (s: number[]): number[] => [1, ...s.filter((_, i) => i !== unit)];
    const moved = b.op('Reshape', [n.inputs[0]!, b.const('unit_first', 'int64', [x.length], front(x))]);
    const shifted = axes.map((a) => (a < unit ? a + 1 : a));
    const sliced = b.op('Slice', [
      moved,
      n.inputs[1]!,
      n.inputs[2]!,
      b.const('axes', 'int64', [shifted.length], shifted),
      n.inputs[4] ?? null,
    ]);
    replaceNode(ctx.graph, n, b.op('Reshape', [sliced, b.const('shape', 'int64', [y.length], y)]));
    return b.created;
  },
});
