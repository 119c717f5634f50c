import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import type { Model } from '../../src/ir/model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { onnx, num } from '../../converters/onnx/proto.js';
import { tensorFromProto } from '../../converters/onnx/tensor-proto.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';
import { seeded } from '../../src/ir/text.js';
import { compareTensors, type TensorComparison, type Tolerance } from '../../src/verify/compare.js';

export interface HostTensor {
  dtype: string;
  dims: number[];
  data: ArrayLike<number | bigint | boolean | string>;
}
export type Feeds = Record<string, HostTensor>;

const ORT_TYPE: Record<string, ort.Tensor.Type> = {
  float32: 'float32',
  float64: 'float64',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  bool: 'bool',
  string: 'string',
  float16: 'float16',
};

/** Run a model (IR or ONNX bytes) in onnxruntime-node on the CPU. */
export async function runOrt(model: Model | Uint8Array, feeds: Feeds, outputNames?: string[]): Promise<Feeds> {
  const bytes = model instanceof Uint8Array ? model : toOnnxBytes(model);
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled', logSeverityLevel: 3 });
  const input: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feeds))
    input[name] = new ort.Tensor(ORT_TYPE[t.dtype] ?? (t.dtype as ort.Tensor.Type), t.data as never, t.dims);
  const out = await session.run(input, outputNames ?? session.outputNames);
  const result: Feeds = {};
  for (const [name, t] of Object.entries(out))
    result[name] = { dtype: t.type, dims: [...t.dims], data: t.data as ArrayLike<number> };
  await session.release();
  return result;
}

/** A TensorProto file of the ONNX test suite (input_0.pb, output_0.pb) as a host tensor. */
export function readTensorPb(path: string): HostTensor & { name: string } {
  const tp = onnx.TensorProto.decode(readFileSync(path));
  const t = tensorFromProto(tp, { file: path, modelDir: '.' });
  const dims = (tp.dims ?? []).map(num);
  let data: ArrayLike<number | bigint | boolean | string>;
  const own = (): ArrayBuffer => new Uint8Array(t.bytes()).buffer; // a copy, aligned (Buffer views share a pool)
  if (t.dtype === 'string') data = (t.strings ?? []).map((s) => new TextDecoder().decode(s));
  else if (t.dtype === 'int64') data = new BigInt64Array(own());
  else if (t.dtype === 'uint64') data = new BigUint64Array(own());
  else if (t.dtype === 'bool') data = Array.from(t.bytes(), (b) => b !== 0);
  else if (t.dtype === 'float32') data = new Float32Array(own());
  else data = tensorToNumbers(t);
  return { name: tp.name ?? '', dtype: t.dtype, dims, data };
}

/** Seeded U(lo, hi) float32 input of a shape. */
export function randomInput(dims: number[], seed = 1, lo = -1, hi = 1): HostTensor {
  const r = seeded(seed);
  const n = dims.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', dims, data: Float32Array.from({ length: n }, () => lo + (hi - lo) * r()) };
}

/** A seeded input for a graph input: token ids 0..99 for integer inputs (int64/int32), U(-1, 1) floats otherwise. */
export function sampleInput(dtype: string, dims: number[], seed = 1): HostTensor {
  if (dtype !== 'int64' && dtype !== 'int32') return randomInput(dims, seed);
  const ids = Array.from(randomInput(dims, seed, 0, 100).data as Float32Array, Math.floor);
  return dtype === 'int64'
    ? { dtype, dims, data: BigInt64Array.from(ids, BigInt) }
    : { dtype, dims, data: Int32Array.from(ids) };
}

export type Diff = TensorComparison;
/**
 * Max abs error, max error relative to the reference's range, cosine similarity — the product's comparison
 * (src/verify/compare.ts): NaN/Inf where the reference is finite or a length mismatch is an infinite error.
 */
export function compare(
  actual: ArrayLike<number | bigint | boolean | string>,
  expected: ArrayLike<number | bigint | boolean | string>,
  tol?: Tolerance,
): Diff {
  return compareTensors({ data: actual }, { data: expected }, tol);
}
