import { createRequire } from 'node:module';
import { defineRewrite } from '../define.js';
import type { Value } from '../../ir/value.js';
import type { Tensor } from '../../ir/tensor.js';
import { ReusableBuffer } from '../../io/reusable-buffer.js';

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

/**
 * The digest of a tensor's bytes, computed once per tensor (a tensor's bytes never change) even when the rewrite
 * engine runs the rule again on a later pass; bytes on disk are read into `scratch`, not a fresh buffer.
 */
const digests = new WeakMap<Tensor, string>();
function digestOf(t: Tensor, scratch: ReusableBuffer): string {
  let d = digests.get(t);
  if (d === undefined) digests.set(t, (d = sha256(t.bytesVia(scratch))));
  return d;
}

/** Bytes of a tensor's head that tell most unequal tensors apart without reading (or computing) the rest. */
const HEAD_BYTES = 4096;
const headDigests = new WeakMap<Tensor, string>();
function headDigestOf(t: Tensor, scratch: ReusableBuffer): string {
  let d = headDigests.get(t);
  if (d === undefined) headDigests.set(t, (d = sha256(t.headVia(HEAD_BYTES, scratch))));
  return d;
}

/** The values grouped by `key`, groups of one left out. */
function groupsOf(vs: Value[], key: (v: Value) => string): Value[][] {
  const groups = new Map<string, Value[]>();
  for (const v of vs) {
    const k = key(v);
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

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
    const scratch = new ReusableBuffer(),
      scratchOfTwin = new ReusableBuffer();
    // tensors of one size whose heads match (most differ in their first bytes: nothing more is read for them)
    const candidates = [...buckets.values()]
      .filter((vs) => vs.length > 1)
      .flatMap((vs) => groupsOf(vs, (v) => headDigestOf(v.data!, scratch)));
    for (const vs of candidates) {
      // one read per tensor for its digest (weights still in the file are read one at a time, not held),
      // and a byte comparison of the two only when digests match
      const firstByDigest = new Map<string, Value>();
      for (const v of vs) {
        const digest = digestOf(v.data!, scratch);
        const twin = firstByDigest.get(digest);
        if (!twin) firstByDigest.set(digest, v);
        else if (asBuffer(v.data!.bytesVia(scratch)).equals(asBuffer(twin.data!.bytesVia(scratchOfTwin))))
          pairs.push([v, twin]);
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
