/**
 * TFLite weights move from OHWI (and other layouts) to ONNX's by a permutation that a writer runs when it reaches
 * the weight. Its bytes must equal the element-by-element definition out[i0..ir] = src[i_perm...] for every
 * element size and for unaligned bytes, whether the weight is in memory, read whole through a writer's scratch,
 * or only its head (a fingerprint); float16 weights widened to float32 likewise.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { halfToFloat32, permute } from '../../../converters/tflite/tensor-data.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { ReusableBuffer } from '../../../src/io/reusable-buffer.js';
import { halfToFloat } from '../../../src/ir/typed-data.js';
import type { DType } from '../../../src/ir/dtype.js';

/** Element `flat` of the permuted tensor, by the definition: output index → source index. */
function expected(src: Uint8Array, dims: number[], perm: number[], el: number): Uint8Array {
  const nd = perm.map((p) => dims[p]!);
  const n = src.byteLength / el;
  const out = new Uint8Array(src.byteLength);
  for (let flat = 0; flat < n; flat++) {
    const idx: number[] = [];
    let rest = flat;
    for (let i = nd.length - 1; i >= 0; i--) {
      idx[i] = rest % nd[i]!;
      rest = Math.floor(rest / nd[i]!);
    }
    const srcIdx = new Array<number>(dims.length);
    perm.forEach((p, i) => (srcIdx[p] = idx[i]!));
    const off = srcIdx.reduce((a, x, i) => a * dims[i]! + x, 0);
    out.set(src.subarray(off * el, off * el + el), flat * el);
  }
  return out;
}

/** Deterministic bytes, at `shift` bytes past an aligned start. */
function bytes(n: number, shift: number): Uint8Array {
  const raw = new Uint8Array(n + shift);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 131 + 7) & 255;
  return raw.subarray(shift);
}

/** A tensor whose bytes stay behind a source (as a weight left in the model file). */
const handle = (dtype: DType, dims: number[], b: Uint8Array): Tensor =>
  Tensor.fromSource(dtype, dims, {
    byteLength: b.byteLength,
    read: () => b.slice(),
    readVia: () => b,
    readHead: (n) => b.subarray(0, n),
  });

const CASES: [DType, number, number[], number[]][] = [
  ['float32', 4, [8, 3, 3, 16], [0, 3, 1, 2]],
  ['float32', 4, [5, 7, 2, 3], [1, 0, 3, 2]],
  ['float16', 2, [4, 2, 3, 6], [0, 3, 1, 2]],
  ['int8', 1, [6, 5, 4], [2, 0, 1]],
  ['float64', 8, [3, 4], [1, 0]],
];

for (const [dtype, el, dims, perm] of CASES)
  test(`permute ${dtype} [${dims}] by [${perm}]: in memory, through scratch, head; aligned and not`, () => {
    for (const shift of [0, 1]) {
      const src = bytes(
        dims.reduce((a, d) => a * d, el),
        shift,
      );
      const want = Buffer.from(expected(src, dims, perm, el));
      assert.ok(Buffer.from(permute(Tensor.fromBytes(dtype, dims, src), perm).bytes()).equals(want), 'in memory');
      const h = permute(handle(dtype, dims, src), perm);
      const scratch = new ReusableBuffer();
      assert.ok(Buffer.from(h.bytesVia(scratch)).equals(want), `through scratch (shift ${shift})`);
      assert.ok(Buffer.from(h.headVia(20, scratch)).equals(want.subarray(0, 20)), 'head');
      assert.ok(Buffer.from(h.peekBytes()).equals(want), 'fresh read');
    }
  });

test('float16 weights widened to float32: whole, through scratch and head', () => {
  const halves = Uint16Array.from({ length: 50 }, (_, i) => (i * 977 + 15360) & 0x7bff);
  const src = new Uint8Array(halves.buffer);
  const want = Buffer.from(Float32Array.from(halves, (h) => halfToFloat(h)).buffer);
  const t = halfToFloat32(handle('float16', [50], src));
  assert.ok(Buffer.from(t.bytesVia(new ReusableBuffer())).equals(want));
  assert.ok(Buffer.from(t.headVia(16, new ReusableBuffer())).equals(want.subarray(0, 16)));
  assert.ok(Buffer.from(halfToFloat32(Tensor.fromBytes('float16', [50], src)).bytes()).equals(want));
});

test.run();
