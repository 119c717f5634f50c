/**
 * Blobs computed when the .caffemodel writer reaches them, not when the layer is built: a layer holds the recipe
 * (read the tensor from the model file, transpose, scale) instead of its values, so an export holds one blob's
 * values at a time, in buffers the writer reuses, and never the whole model's weights.
 */
import type { Value } from '../../../src/ir/value.js';
import type { Tensor } from '../../../src/ir/tensor.js';
import { float32Via } from '../../../src/ir/float32-via.js';
import { floatsIn } from '../../../src/io/reusable-buffer.js';
import { weightScratch, type WeightScratch } from '../../../src/io/weight-scratch.js';
import { knownValue } from '../../../src/shape/infer.js';
import type { CaffeBlob } from './caffe-layer.js';

/** A blob of `dims` whose values `produce` computes on each read (into the writer's scratch, or fresh for `data`). */
export function deferredBlob(dims: number[], produce: (scratch: WeightScratch) => Float32Array): CaffeBlob {
  return {
    dims,
    count: dims.reduce((a, d) => a * d, 1),
    get data(): Float32Array {
      return produce(weightScratch());
    },
    fill: produce,
  };
}

/** The number of values of a blob, without computing a deferred one. */
export const blobCount = (b: CaffeBlob): number => b.count ?? b.data.length;

/** A blob's values for the writer: a deferred one computed into `scratch` (valid until the next blob). */
export const blobValues = (b: CaffeBlob, scratch: WeightScratch): Float32Array => (b.fill ? b.fill(scratch) : b.data);

/** A constant float tensor (float32, float16 or float64) whose values a deferred blob reads, or null. */
export function floatConst(v: Value | null | undefined): Tensor | null {
  const t = knownValue(v);
  return t && (t.dtype === 'float32' || t.dtype === 'float16' || t.dtype === 'float64') ? t : null;
}

/** The tensor's values as float32, read into the scratch's input buffer. */
export const valuesOf = (t: Tensor, scratch: WeightScratch): Float32Array => float32Via(t, scratch.input);

/** [K,N] row-major → [N,K] row-major, times `scale`, in the scratch's output buffer. */
export function transposedInto(
  b: Float32Array,
  k: number,
  n: number,
  scale: number,
  scratch: WeightScratch,
): Float32Array {
  const out = floatsIn(scratch.output, k * n);
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) out[j * k + i] = b[i * n + j]! * scale;
  return out;
}

/** `b` times `scale`, in the scratch's output buffer. */
export function scaledInto(b: Float32Array, scale: number, scratch: WeightScratch): Float32Array {
  const out = floatsIn(scratch.output, b.length);
  for (let i = 0; i < b.length; i++) out[i] = b[i]! * scale;
  return out;
}
