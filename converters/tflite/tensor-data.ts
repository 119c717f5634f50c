import { Tensor } from '../../src/ir/tensor.js';
import type { DType } from '../../src/ir/dtype.js';
import { byteSize } from '../../src/ir/dtype.js';
import { halfToFloat } from '../../src/ir/typed-data.js';

export const TFL_DTYPE: Record<string, DType> = {
  FLOAT32: 'float32',
  FLOAT16: 'float16',
  INT32: 'int32',
  UINT8: 'uint8',
  INT64: 'int64',
  STRING: 'string',
  BOOL: 'bool',
  INT16: 'int16',
  COMPLEX64: 'complex64',
  INT8: 'int8',
  FLOAT64: 'float64',
  COMPLEX128: 'complex128',
  UINT64: 'uint64',
  UINT32: 'uint32',
  UINT16: 'uint16',
  INT4: 'int4',
  BFLOAT16: 'bfloat16',
};

/** A permuted copy of a tensor's bytes (weights from TFLite's OHWI to ONNX's OIHW and the like). */
export function permute(t: Tensor, perm: number[]): Tensor {
  const dims = t.dims,
    r = dims.length;
  const el = byteSize(t.dtype, 1);
  const src = t.bytes();
  const out = new Uint8Array(src.length);
  const nd = perm.map((p) => dims[p]!);
  const sStr = new Array<number>(r).fill(1);
  for (let i = r - 2; i >= 0; i--) sStr[i] = sStr[i + 1]! * dims[i + 1]!;
  const n = t.count;
  const idx = new Array<number>(r).fill(0);
  for (let f = 0; f < n; f++) {
    let off = 0;
    for (let i = 0; i < r; i++) off += idx[i]! * sStr[perm[i]!]!;
    out.set(src.subarray(off * el, off * el + el), f * el);
    for (let i = r - 1; i >= 0; i--) {
      if (++idx[i]! < nd[i]!) break;
      idx[i] = 0;
    }
  }
  return new Tensor(t.dtype, nd, out, null, null, t.quant);
}

/** float16 constants (weights stored as fp16 and DEQUANTIZEd) as float32 (exact). */
export function halfToFloat32(t: Tensor): Tensor {
  const b = t.bytes();
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return Tensor.fromArray(
    'float32',
    [...t.dims],
    Float32Array.from({ length: t.count }, (_, i) => halfToFloat(dv.getUint16(i * 2, true))),
  );
}
