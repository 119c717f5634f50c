/** Sparse TFLite constants to dense: CSR and block-sparse layouts worked by hand, and corrupt metadata refused. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { densify } from '../../../converters/tflite/densify.js';
import type { TflSparsity } from '../../../converters/tflite/read-model.js';

const fail = (why: string): never => {
  throw new Error(why);
};
const f32 = (xs: number[]): Uint8Array => new Uint8Array(Float32Array.from(xs).buffer);
const back = (b: Uint8Array): number[] => Array.from(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4));
const dense = (size: number) => ({ format: 'DENSE' as const, denseSize: size, segments: [], indices: [] });
const csr = (segments: number[], indices: number[]) => ({
  format: 'SPARSE_CSR' as const,
  denseSize: 0,
  segments,
  indices,
});

test('CSR matrix: rows dense, columns compressed', () => {
  const sp: TflSparsity = {
    traversalOrder: [0, 1],
    blockMap: [],
    dims: [dense(4), csr([0, 2, 2, 3, 4], [0, 3, 1, 2])],
  };
  assert.equal(back(densify(sp, [4, 4], f32([1, 2, 3, 4]), 4, fail)), [1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4, 0]);
});

test('column-major traversal: columns dense, rows compressed', () => {
  const sp: TflSparsity = { traversalOrder: [1, 0], blockMap: [], dims: [dense(3), csr([0, 1, 1, 3], [1, 0, 1])] };
  // column 0: row 1 = 5; column 1: none; column 2: rows 0, 1 = 6, 7
  assert.equal(back(densify(sp, [2, 3], f32([5, 6, 7]), 4, fail)), [0, 0, 6, 5, 0, 7]);
});

test('block sparse: dim 1 in blocks of 2, blocks compressed, each block dense', () => {
  const sp: TflSparsity = {
    traversalOrder: [0, 1, 2],
    blockMap: [1],
    dims: [dense(2), csr([0, 1, 2], [1, 0]), dense(2)],
  };
  assert.equal(back(densify(sp, [2, 4], f32([1, 2, 3, 4]), 4, fail)), [0, 0, 1, 2, 3, 4, 0, 0]);
});

test('float16 storage is copied element by element (2 bytes each)', () => {
  const sp: TflSparsity = { traversalOrder: [0], blockMap: [], dims: [csr([0, 2], [0, 2])] };
  const out = densify(sp, [3], new Uint8Array([0x00, 0x3c, 0x00, 0x40]), 2, fail); // 1.0, 2.0 in fp16
  assert.equal(Array.from(out), [0x00, 0x3c, 0, 0, 0x00, 0x40]);
});

test('corrupt metadata is refused, never read out of bounds', () => {
  const ok =
    (dims: TflSparsity['dims'], order = [0, 1]) =>
    () =>
      densify({ traversalOrder: order, blockMap: [], dims }, [2, 2], f32([1, 2]), 4, fail);
  assert.throws(ok([dense(2), csr([0, 1, 2], [0, 5])]), /outside dim 1/);
  assert.throws(ok([dense(2), csr([0, 1, 9], [0, 1])]), /bad segments/);
  assert.throws(ok([dense(2), csr([0, 2, 3], [0, 1, 1])]), /past the 2 stored values/);
  assert.throws(ok([dense(2), csr([0, 1, 2], [0, 1])], [0, 0]), /not a permutation/);
  assert.throws(ok([dense(2)], [0]), /levels for rank 2/);
});

test.run();
