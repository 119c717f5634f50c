import { defineRewrite } from '../define.js';
import type { Value } from '../../ir/value.js';

/** A Buffer over the same bytes (no copy), for a native comparison. */
const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Constants with the same type, shape and bytes become one (compared without copying, bucketed by size). */
export default defineRewrite({
  id: 'dedupe-initializers',
  description: 'merge identical constant tensors',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/repo-docs/IR.html#graphs (initializers are named constant tensors)',
  scope: 'graph',
  match(_n, ctx) {
    const g = ctx.graph;
    const buckets = new Map<string, Value[]>();
    for (const v of g.constants()) {
      if (g.inputs.includes(v) || g.outputs.includes(v) || !v.consumers.length || v.data!.external) continue;
      const t = v.data!,
        k = `${t.dtype}|${t.dims.join(',')}|${t.byteLength}`;
      buckets.set(k, [...(buckets.get(k) ?? []), v]);
    }
    const pairs: [Value, Value][] = [];
    for (const vs of buckets.values()) {
      if (vs.length < 2) continue;
      const kept: Value[] = [];
      for (const v of vs) {
        const b = asBuffer(v.data!.bytes());
        const twin = kept.find((k) => b.equals(asBuffer(k.data!.bytes())));
        if (twin) pairs.push([v, twin]);
        else kept.push(v);
      }
    }
    return pairs.length ? pairs : null;
  },
  apply(pairs, ctx) {
    for (const [dup, keep] of pairs) {
      ctx.graph.replaceAllUses(dup, keep);
      ctx.graph.dropValue(dup);
    }
    return [];
  },
});
