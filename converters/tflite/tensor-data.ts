import { Tensor, type ByteSource, type Quantization } from '../../src/ir/tensor.js';
import { TFLITE_GRAPH_ONLY_OVER } from './flat-bytes.js';
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

/** A buffer's tensor: past 4 KiB a handle on its span (graph-only reading), else its bytes. */
export function tensorOf(dtype: DType, dims: number[], data: ByteSource, quant: Quantization | null): Tensor {
  if (dtype !== 'string' && data.byteLength > TFLITE_GRAPH_ONLY_OVER)
    return Tensor.fromSource(dtype, dims, data, quant);
  return Tensor.fromBytes(dtype, dims, data.read(), quant);
}

/**
 * A tensor's bytes rewritten by `transform` into a tensor of `dtype`/`dims`: done now for bytes in memory,
 * on each read for a handle (the weights stay in the file until a command uses them).
 */
function derived(t: Tensor, dtype: DType, dims: number[], transform: (src: Uint8Array) => Uint8Array): Tensor {
  if (!t.isHandle) return new Tensor(dtype, dims, transform(t.bytes()), null, null, t.quant);
  const byteLength = byteSize(
    dtype,
    dims.reduce((a, b) => a * b, 1),
  );
  return Tensor.fromSource(dtype, dims, { byteLength, read: () => transform(t.peekBytes()) }, t.quant);
}

/** A permuted copy of a tensor's bytes (weights from TFLite's OHWI to ONNX's OIHW and the like). */
export function permute(t: Tensor, perm: number[]): Tensor {
  const nd = perm.map((p) => t.dims[p]!);
  return derived(t, t.dtype, nd, (src) => permuteBytes(src, t.dims, perm, byteSize(t.dtype, 1)));
}

function permuteBytes(src: Uint8Array, dims: number[], perm: number[], el: number): Uint8Array {
  const r = dims.length;
  const out = new Uint8Array(src.length);
  const nd = perm.map((p) => dims[p]!);
  const sStr = new Array<number>(r).fill(1);
  for (let i = r - 2; i >= 0; i--) sStr[i] = sStr[i + 1]! * dims[i + 1]!;
  const n = src.length / el;
  const idx = new Array<number>(r).fill(0);
  for (let f = 0; f < n; f++) {
    let off = 0;
    for (let i = 0; i < r; i++) off += idx[i]! * sStr[perm[i]!]!;
    for (let k = 0; k < el; k++) out[f * el + k] = src[off * el + k]!;
    for (let i = r - 1; i >= 0; i--) {
      if (++idx[i]! < nd[i]!) break;
      idx[i] = 0;
    }
  }
  return out;
}

/** float16 constants (weights stored as fp16 and DEQUANTIZEd) as float32 (exact). */
export function halfToFloat32(t: Tensor): Tensor {
  const count = t.count;
  const halfs = derived(t, 'float32', [...t.dims], (b) => {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out = Float32Array.from({ length: count }, (_, i) => halfToFloat(dv.getUint16(i * 2, true)));
    return new Uint8Array(out.buffer);
  });
  halfs.quant = null;
  return halfs;
}
