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
 * Writes the transformed bytes of `src` into `out`: the derived tensor's bytes, or only their first
 * `out.byteLength` (a head, for a fingerprint).
 */
type Transform = (src: Uint8Array, out: Uint8Array) => void;

/**
 * A tensor's bytes rewritten by `transform` into a tensor of `dtype`/`dims`: done now for bytes in memory,
 * on each read for a handle (the weights stay in the file until a command uses them). A writer's read lands the
 * source bytes in its scratch's spare buffer and the result in the scratch itself: nothing allocated per read.
 */
function derived(t: Tensor, dtype: DType, dims: number[], transform: Transform): Tensor {
  const byteLength = byteSize(
    dtype,
    dims.reduce((a, b) => a * b, 1),
  );
  const into = (src: Uint8Array, out: Uint8Array): Uint8Array => {
    transform(src, out);
    return out;
  };
  if (!t.isHandle) return new Tensor(dtype, dims, into(t.bytes(), new Uint8Array(byteLength)), null, null, t.quant);
  return Tensor.fromSource(
    dtype,
    dims,
    {
      byteLength,
      read: () => into(t.peekBytes(), new Uint8Array(byteLength)),
      readVia: (scratch) => into(t.bytesVia(scratch.spare()), scratch.view(byteLength)),
      readHead: (n, scratch) => into(t.bytesVia(scratch.spare()), scratch.view(Math.min(n, byteLength))),
    },
    t.quant,
  );
}

/** A permuted copy of a tensor's bytes (weights from TFLite's OHWI to ONNX's OIHW and the like). */
export function permute(t: Tensor, perm: number[]): Tensor {
  const nd = perm.map((p) => t.dims[p]!);
  return derived(t, t.dtype, nd, (src, out) => permuteInto(src, out, t.dims, perm, byteSize(t.dtype, 1)));
}

/** Typed views for element sizes a permutation moves whole (when both buffers are aligned to it). */
const ELEMENT_VIEWS: Record<number, new (b: ArrayBufferLike, off: number, len: number) => ArrayLike<number>> = {
  1: Uint8Array,
  2: Uint16Array,
  4: Uint32Array,
  8: Float64Array,
};

/**
 * `src` (of `dims`) with its axes permuted, into `out`, whole elements at a time. The inner loop runs along the
 * output axis that is contiguous in the source (or the last output axis, if that one is longer), so a 100 MB
 * OHWI weight takes one pass over memory, not an index computation per element. A shorter `out` (a head) gets
 * the first elements in output order.
 */
function permuteInto(src: Uint8Array, out: Uint8Array, dims: number[], perm: number[], el: number): void {
  const View = ELEMENT_VIEWS[el];
  const n = src.byteLength / el;
  if (!View || out.byteLength < src.byteLength || src.byteOffset % el || out.byteOffset % el)
    return permuteInOutputOrder(src, out, dims, perm, el);
  const r = dims.length;
  if (r === 0 || n === 0) return out.set(src);
  const from = new View(src.buffer, src.byteOffset, n),
    to = new View(out.buffer, out.byteOffset, n) as unknown as { [i: number]: number };
  const srcStrides = stridesOf(dims);
  const nd = perm.map((p) => dims[p]!),
    st = perm.map((p) => srcStrides[p]!),
    ot = stridesOf(nd);
  const contiguous = perm.indexOf(r - 1);
  const q = nd[contiguous]! > nd[r - 1]! ? contiguous : r - 1;
  const inner = nd[q]!,
    sStep = st[q]!,
    oStep = ot[q]!;
  const outer = [...Array(r).keys()].filter((a) => a !== q);
  const idx = new Array<number>(r).fill(0);
  for (let done = 0; done < n; done += inner) {
    let so = 0,
      oo = 0;
    for (const a of outer) {
      so += idx[a]! * st[a]!;
      oo += idx[a]! * ot[a]!;
    }
    for (let j = 0; j < inner; j++, so += sStep, oo += oStep) to[oo] = from[so]!;
    for (let k = outer.length - 1; k >= 0; k--) {
      const a = outer[k]!;
      if (++idx[a]! < nd[a]!) break;
      idx[a] = 0;
    }
  }
}

/** Row-major strides (in elements) of `dims`. */
function stridesOf(dims: number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1]! * dims[i + 1]!;
  return s;
}

/** The permutation element by element in output order, byte by byte: any element size, any alignment, a head. */
function permuteInOutputOrder(src: Uint8Array, out: Uint8Array, dims: number[], perm: number[], el: number): void {
  const r = dims.length;
  const nd = perm.map((p) => dims[p]!);
  const sStr = stridesOf(dims);
  const n = Math.min(src.length, out.length) / el;
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
}

/** float16 constants (weights stored as fp16 and DEQUANTIZEd) as float32 (exact). */
export function halfToFloat32(t: Tensor): Tensor {
  const halfs = derived(t, 'float32', [...t.dims], (b, out) => {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const floats = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let i = 0; i < out.byteLength / 4; i++) floats.setFloat32(i * 4, halfToFloat(dv.getUint16(i * 2, true)), true);
  });
  halfs.quant = null;
  return halfs;
}
