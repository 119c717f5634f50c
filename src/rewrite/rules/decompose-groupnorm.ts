import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { normalizeOver } from '../normalization-builder.js';

/**
 * GroupNormalization(x[N,C,…], scale, bias, num_groups G) = Reshape to [N, G, −1], normalise over the last
 * axis, Reshape back, then the affine per channel (opset 21: scale/bias [C]) or per group (opset 18: [G],
 * expanded to the group's channels).
 */
export default defineRewrite({
  id: 'decompose-groupnorm',
  description: 'GroupNormalization → Reshape, mean/variance normalisation, Reshape, Mul, Add',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__GroupNormalization.html',
  match(n) {
    if (!n || n.domain || n.op !== 'GroupNormalization') return null;
    const s = n.inputs[0]?.shape,
      g = n.int('num_groups');
    const c = s?.[1],
      sc = n.inputs[1]?.shape?.[0];
    if (!s || s.some((d) => typeof d !== 'number') || !g || typeof c !== 'number' || (sc !== c && sc !== g))
      return null;
    return n;
  },
  apply(n, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'groupnorm');
    const x = n.inputs[0]!,
      s = x.shape as number[],
      g = n.int('num_groups')!,
      c = s[1]!;
    const grouped = b.op('Reshape', [x, b.const('grouped', 'int64', [3], [s[0]!, g, -1])]);
    const normed = b.op('Reshape', [
      normalizeOver(b, grouped, [2], n.float('epsilon', 1e-5), ctx.opset),
      b.const('shape', 'int64', [s.length], s),
    ]);
    const affine = (v: typeof x, name: string): typeof x => {
      const k = v.shape![0] as number,
        tail = new Array<number>(s.length - 2).fill(1);
      if (k === c) return b.op('Reshape', [v, b.const(`${name}_shape`, 'int64', [s.length - 1], [c, ...tail])]);
      // per group: [G] → [G, C/G] → [C, 1, …]
      const perGroup = b.op('Reshape', [v, b.const(`${name}_g`, 'int64', [2], [g, 1])]);
      const tiled = b.op('Tile', [perGroup, b.const(`${name}_rep`, 'int64', [2], [1, c / g])]);
      return b.op('Reshape', [tiled, b.const(`${name}_shape`, 'int64', [s.length - 1], [c, ...tail])]);
    };
    replaceNode(
      ctx.graph,
      n,
      b.op('Add', [b.op('Mul', [normed, affine(n.inputs[1]!, 'scale')]), affine(n.inputs[2]!, 'bias')]),
    );
    return b.created;
  },
});
