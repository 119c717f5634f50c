import type { Tensor } from './tensor.js';
import type { ReusableBuffer } from '../io/reusable-buffer.js';
import { tensorToFloat32 } from './typed-data.js';

/**
 * A tensor's values as float32 for a reader that drops them before its next read (a writer): float32 bytes on
 * disk are read into `scratch` and viewed there, so nothing is allocated per tensor; the result is valid until
 * scratch's next use and must not be kept or changed unless it lies in scratch. Other dtypes are converted into
 * a fresh array.
 */
export function float32Via(t: Tensor, scratch: ReusableBuffer): Float32Array {
  if (t.dtype !== 'float32') return tensorToFloat32(t);
  const bytes = t.bytesVia(scratch);
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, t.count);
  const aligned = scratch.view(bytes.byteLength); // an unaligned view of memory: never scratch itself
  aligned.set(bytes);
  return new Float32Array(aligned.buffer, aligned.byteOffset, t.count);
}

/** The first `count` values of a float32 tensor, as float32Via gives them, without reading the rest. */
export function float32HeadVia(t: Tensor, count: number, scratch: ReusableBuffer): Float32Array {
  if (t.dtype !== 'float32') return tensorToFloat32(t).subarray(0, count);
  const bytes = t.headVia(count * 4, scratch);
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const aligned = scratch.view(bytes.byteLength);
  aligned.set(bytes);
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}
