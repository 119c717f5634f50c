/**
 * Blockwise-quantized constants (schema.fbs BlockwiseQuantization) as float32 constants, exactly:
 * w[..., k] = scale[..., floor(k / block_size)] * (q[..., k] - zero_point[..., floor(k / block_size)]).
 * int4 data holds two values a byte, the element of even index in the low nibble (both sign-extended).
 */
import { InputError } from '../../src/io/input-error.js';
import { Tensor } from '../../src/ir/tensor.js';
import { halfToFloat } from '../../src/ir/typed-data.js';
import type { TflBlockwise, TflTensor } from './read-model.js';

/** The stored integers of a quantized constant (int4 unpacked, int8, uint8). */
function quantizedValues(file: string, t: TflTensor, data: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  if (t.type === 'INT4') {
    if (data.length < Math.ceil(count / 2)) throw new InputError(file, `tensor '${t.name}': int4 buffer too short`);
    for (let i = 0; i < count; i++) {
      const byte = data[i >> 1]!;
      const nibble = i & 1 ? byte >> 4 : byte & 15;
      out[i] = nibble >= 8 ? nibble - 16 : nibble;
    }
  } else if (t.type === 'INT8' || t.type === 'UINT8') {
    if (data.length < count) throw new InputError(file, `tensor '${t.name}': buffer too short`);
    for (let i = 0; i < count; i++) out[i] = t.type === 'INT8' ? (data[i]! << 24) >> 24 : data[i]!;
  } else throw new InputError(file, `tensor '${t.name}': blockwise quantization of ${t.type} is not defined`);
  return out;
}

/** A scale or zero-point tensor's values as numbers (float32, float16, int8/int16/int32). */
function numbers(file: string, t: TflTensor, data: Uint8Array, count: number): number[] {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read: Record<string, [number, (o: number) => number]> = {
    FLOAT32: [4, (o) => dv.getFloat32(o, true)],
    FLOAT16: [2, (o) => halfToFloat(dv.getUint16(o, true))],
    INT32: [4, (o) => dv.getInt32(o, true)],
    INT16: [2, (o) => dv.getInt16(o, true)],
    INT8: [1, (o) => dv.getInt8(o)],
  };
  const reader = read[t.type];
  if (!reader) throw new InputError(file, `tensor '${t.name}': ${t.type} block scales or zero points`);
  const [size, at] = reader;
  if (data.length < size * count) throw new InputError(file, `tensor '${t.name}': buffer too short`);
  return Array.from({ length: count }, (_, i) => at(i * size));
}

export interface BlockwiseSource {
  tensor(idx: number): TflTensor | undefined;
  buffer(t: TflTensor): Uint8Array | null;
}

export function dequantizeBlockwise(file: string, t: TflTensor, data: Uint8Array, src: BlockwiseSource): Tensor {
  const bw: TflBlockwise = t.blockwise!;
  const dims = t.shape;
  const inner = dims[dims.length - 1] ?? 1;
  const outer = dims.slice(0, -1).reduce((a, b) => a * b, 1);
  const blocks = bw.blockSize > 0 ? Math.ceil(inner / bw.blockSize) : 0;
  const scaleT = src.tensor(bw.scales);
  const scaleData = scaleT ? src.buffer(scaleT) : null;
  const want = [...dims.slice(0, -1), blocks].join(',');
  if (!blocks || !scaleT || !scaleData || scaleT.shape.join(',') !== want)
    throw new InputError(file, `tensor '${t.name}': blockwise scales must be a constant of shape [${want}]`);
  const scales = numbers(file, scaleT, scaleData, outer * blocks);
  const zpT = bw.zeroPoints >= 0 ? src.tensor(bw.zeroPoints) : undefined;
  const zpData = zpT ? src.buffer(zpT) : null;
  if (bw.zeroPoints >= 0 && (!zpT || !zpData || zpT.shape.join(',') !== want))
    throw new InputError(file, `tensor '${t.name}': blockwise zero points must be a constant of shape [${want}]`);
  const zeros = zpT && zpData ? numbers(file, zpT, zpData, outer * blocks) : null;
  const q = quantizedValues(file, t, data, outer * inner);
  const out = new Float32Array(outer * inner);
  for (let row = 0; row < outer; row++)
    for (let k = 0; k < inner; k++) {
      const b = row * blocks + Math.floor(k / bw.blockSize);
      out[row * inner + k] = scales[b]! * (q[row * inner + k]! - (zeros ? zeros[b]! : 0));
    }
  return Tensor.fromArray('float32', [...dims], out);
}
