import { createRequire } from 'node:module';
import { defineRewrite } from '../define.js';
import type { Value } from '../../ir/value.js';

// node:crypto is loaded on first use: a module that imports it costs every command its start-up (~4 ms), and
// only this rewrite hashes
const requireBuiltin = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;
const sha256 = (bytes: Uint8Array): string =>
  (crypto ??= requireBuiltin('node:crypto') as typeof import('node:crypto'))
    .createHash('sha256')
    .update(bytes)
    .digest('hex');

/** A Buffer over the same bytes (no copy), for a native comparison. */
const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Constants with the same type, shape and bytes become one (bucketed by size, then by a digest of the bytes). */
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
      // one read per tensor for its digest (weights still in the file are read one at a time, not held),
      // and a byte comparison of the two only when digests match
      const firstByDigest = new Map<string, Value>();
      for (const v of vs) {
        const digest = sha256(v.data!.bytes());
        const twin = firstByDigest.get(digest);
        if (!twin) firstByDigest.set(digest, v);
        else if (asBuffer(v.data!.bytes()).equals(asBuffer(twin.data!.bytes()))) pairs.push([v, twin]);
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
