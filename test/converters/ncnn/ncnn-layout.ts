/**
 * How a tensor of the IR lies in an ncnn blob: ncnn has no batch axis, so the value's batch axis (known from
 * shape inference; none for a value without one) is dropped; an NHWC graph input that the exporter declares
 * channel-first (TFLite models) is fed transposed.
 */
import type { HostTensor } from '../../helpers/ort.js';
import type { NcnnInput } from '../../helpers/ncnn-run.js';

/** Dims without their 1s (ncnn keeps or drops unit dims by layer: [1000] for a [1,1000,1,1] value). */
export const withoutUnitDims = (dims: number[]): number[] => dims.filter((d) => d !== 1);

/** The dims ncnn gives a value of these IR dims: the batch axis (size 1) removed. */
export function ncnnDims(dims: number[], batchAxis: number | null): number[] {
  if (batchAxis === null || dims[batchAxis] !== 1) return dims;
  return dims.filter((_, i) => i !== batchAxis);
}

/** A graph input as the exporter's Input layer declares it (dims outermost first, batch dropped). */
export function ncnnFeed(
  name: string,
  x: HostTensor,
  declared: number[] | undefined,
  batchAxis: number | null,
): NcnnInput {
  const data =
    x.dtype === 'int64' || x.dtype === 'int32'
      ? Int32Array.from(x.data as ArrayLike<number | bigint>, Number)
      : Float32Array.from(x.data as ArrayLike<number>);
  const dims = ncnnDims(x.dims, batchAxis);
  if (!declared || declared.join() === dims.join()) return { name, dims, data };
  const [h, w, c] = dims;
  if (dims.length === 3 && declared.join() === [c, h, w].join())
    return { name, dims: declared, data: hwcToChw(data as Float32Array, h!, w!, c!) };
  throw new Error(`input ${name}: ncnn declares [${declared}] for an input of dims [${x.dims}]`);
}

function hwcToChw(a: Float32Array, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) out[(k * h + y) * w + x] = a[(y * w + x) * c + k]!;
  return out;
}
