/**
 * TFLite sparse constants (schema.fbs SparsityParameters) to dense bytes, as DENSIFY computes them.
 *
 * The stored tensor is traversed in `traversalOrder` over the original dims 0..n−1 followed by one block
 * dim per `blockMap` entry (block dim n+j splits original dim blockMap[j] into blocks of its dense_size).
 * A DENSE level visits every coordinate (position = parent·size + i); a SPARSE_CSR level visits
 * indices[segments[parent] .. segments[parent+1]) (position = that index into indices). The position at
 * the last level is the element's index in the stored values.
 */
import type { TflSparsity } from './read-model.js';

export function densify(
  sp: TflSparsity,
  shape: number[],
  values: Uint8Array,
  elementBytes: number,
  fail: (why: string) => never,
): Uint8Array {
  const n = shape.length,
    levels = sp.dims.length,
    order = sp.traversalOrder;
  if (order.length !== levels || levels !== n + sp.blockMap.length)
    fail(`sparsity: ${levels} levels for rank ${n} with ${sp.blockMap.length} block dims`);
  if ([...order].sort((a, b) => a - b).some((d, i) => d !== i)) fail('sparsity: traversal order is not a permutation');
  const blockSize = sp.blockMap.map((_, j) => sp.dims[order.indexOf(n + j)]!.denseSize);
  const blockOf = new Map(sp.blockMap.map((d, j) => [d, j]));
  for (const [d, j] of blockOf)
    if (d < 0 || d >= n || blockSize[j]! <= 0 || shape[d]! % blockSize[j]! !== 0)
      fail(`sparsity: block ${j} does not divide dim ${d}`);
  const size = (d: number): number =>
    d >= n ? blockSize[d - n]! : blockOf.has(d) ? shape[d]! / blockSize[blockOf.get(d)!]! : shape[d]!;
  const count = shape.reduce((a, b) => a * b, 1);
  const stored = values.length / elementBytes;
  const out = new Uint8Array(count * elementBytes);
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const coord = new Array<number>(levels).fill(0);
  const leaf = (pos: number): void => {
    if (pos >= stored) fail(`sparsity: element ${pos} past the ${stored} stored values`);
    let at = 0;
    for (let d = 0; d < n; d++) {
      const j = blockOf.get(d);
      const c = j === undefined ? coord[d]! : coord[d]! * blockSize[j]! + coord[n + j]!;
      if (c >= shape[d]!) fail(`sparsity: index ${c} outside dim ${d} of size ${shape[d]}`);
      at += c * strides[d]!;
    }
    out.set(values.subarray(pos * elementBytes, (pos + 1) * elementBytes), at * elementBytes);
  };
  const walk = (level: number, parent: number): void => {
    if (level === levels) {
      leaf(parent);
      return;
    }
    const m = sp.dims[level]!,
      d = order[level]!;
    if (m.format === 'DENSE') {
      const s = m.denseSize || size(d);
      for (let i = 0; i < s; i++) {
        coord[d] = i;
        walk(level + 1, parent * s + i);
      }
      return;
    }
    const from = m.segments[parent],
      to = m.segments[parent + 1];
    if (from === undefined || to === undefined || from > to || to > m.indices.length)
      fail(`sparsity: bad segments at level ${level}`);
    for (let k = from; k < to; k++) {
      coord[d] = m.indices[k]!;
      walk(level + 1, k);
    }
  };
  walk(0, 0);
  return out;
}
