/**
 * Transpose of a constant of any fixed-width element type, moving elements as raw bytes (1, 2, 4 or 8 at a
 * time) without decoding them: folding the transposed weights of large Linear layers stays fast and small.
 */
import { Tensor } from '../ir/tensor.js';
import { DTYPES } from '../ir/dtype.js';

export function transposeBytes(t: Tensor, perm: number[]): Tensor | null {
  const bits = DTYPES[t.dtype].bits;
  if (![8, 16, 32, 64].includes(bits) || t.quant || perm.length !== t.dims.length) return null;
  const dims = t.dims,
    r = dims.length,
    n = t.count;
  const src = t.bytes();
  const copy = new Uint8Array(src.byteLength);
  copy.set(src); // aligned for the typed views below
  const W = { 8: Uint8Array, 16: Uint16Array, 32: Uint32Array, 64: Float64Array }[bits as 8 | 16 | 32 | 64];
  const a = new W(copy.buffer, 0, n),
    out = new W(n);
  const outDims = perm.map((p) => dims[p]!);
  const inStride = new Array<number>(r).fill(1);
  for (let i = r - 2; i >= 0; i--) inStride[i] = inStride[i + 1]! * dims[i + 1]!;
  const step = perm.map((p) => inStride[p]!); // input stride of each output axis
  const idx = new Array<number>(r).fill(0);
  let from = 0;
  for (let o = 0; o < n; o++) {
    out[o] = a[from]!;
    for (let k = r - 1; k >= 0; k--) {
      idx[k]!++;
      from += step[k]!;
      if (idx[k]! < outDims[k]!) break;
      from -= step[k]! * outDims[k]!;
      idx[k] = 0;
    }
  }
  return Tensor.fromBytes(t.dtype, outDims, new Uint8Array(out.buffer));
}
