import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { Tensor } from '../../src/ir/tensor.js';
import { byteSize, dtypeFromCode, type DType } from '../../src/ir/dtype.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { InputError } from '../../src/io/input-error.js';
import { num, restOf, type TensorProto } from './proto-types.js';
import { isDeferred, type Deferred } from './wire/encode.js';

type TP = TensorProto;
/** TensorProto fields the IR's Tensor models; the others (doc_string, segment, metadata_props, …) ride on `extra`. */
const TENSOR_FIELDS = [
  'dims',
  'dataType',
  'floatData',
  'int32Data',
  'stringData',
  'int64Data',
  'rawData',
  'doubleData',
  'uint64Data',
  'externalData',
  'dataLocation',
];
/** Largest element count convcheck accepts for one tensor (2^40): beyond it dims are corrupt or absurd. */
const MAX_ELEMENTS = 2 ** 40;

export interface TensorContext {
  file: string;
  modelDir: string;
}

/** Check dims: non-negative integers whose product is sane. */
export function checkDims(dims: number[], what: string, ctx: TensorContext): void {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new InputError(ctx.file, `${what}: invalid dimension ${d}`);
    n *= d;
    if (n > MAX_ELEMENTS)
      throw new InputError(ctx.file, `${what}: absurd shape [${dims.join(',')}] (${n.toExponential(2)} elements)`);
  }
}

/**
 * TensorProto → Tensor. raw_data stays a view into the file buffer or, read graph-only, a span of the
 * file read on first use; external data becomes a handle.
 */
export function tensorFromProto(t: TP, ctx: TensorContext, what = `tensor '${t.name ?? ''}'`): Tensor {
  const tensor = tensorData(t, ctx, what);
  tensor.extra = restOf(t, TENSOR_FIELDS);
  return tensor;
}

function tensorData(t: TP, ctx: TensorContext, what: string): Tensor {
  const dtype = dtypeFromCode(t.dataType ?? 0);
  if (!dtype) throw new InputError(ctx.file, `${what}: unknown data type ${t.dataType}`);
  const dims = (t.dims ?? []).map(num);
  checkDims(dims, what, ctx);
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.dataLocation === 1) return externalTensor(t, dtype, dims, ctx, what);
  if (dtype === 'string') {
    const s = t.stringData ?? [];
    if (s.length !== count) throw new InputError(ctx.file, `${what}: ${s.length} strings for ${count} elements`);
    return Tensor.fromStrings(dims, s);
  }
  const need = byteSize(dtype, count);
  const raw = t.rawData ?? lazyTypedField(t, dtype);
  if (raw && raw.byteLength) {
    if (raw.byteLength !== need)
      throw new InputError(
        ctx.file,
        `${what}: ${t.rawData ? 'raw_data' : 'packed data'} has ${raw.byteLength} bytes, ${dtype}[${dims.join(',')}] needs ${need}`,
      );
    return isDeferred(raw) ? Tensor.fromSource(dtype, dims, raw) : Tensor.fromBytes(dtype, dims, raw);
  }
  return Tensor.fromBytes(dtype, dims, typedFieldBytes(t, dtype, count, ctx, what));
}

/** float_data / double_data left in the file: packed fixed-width values are the tensor's little-endian bytes. */
function lazyTypedField(t: TP, dtype: DType): Deferred | undefined {
  if ((dtype === 'float32' || dtype === 'complex64') && isDeferred(t.floatData)) return t.floatData;
  if ((dtype === 'float64' || dtype === 'complex128') && isDeferred(t.doubleData)) return t.doubleData;
  return undefined;
}

const numbers = (v: number[] | Deferred | null | undefined): number[] => (Array.isArray(v) ? v : []);

/** The typed repeated fields (float_data, int32_data, …) as little-endian bytes of the tensor's dtype. */
function typedFieldBytes(t: TP, dtype: DType, count: number, ctx: TensorContext, what: string): Uint8Array {
  const check = (n: number): void => {
    if (n !== count && !(count === 0 && n === 0))
      throw new InputError(ctx.file, `${what}: ${n} values for ${count} elements of ${dtype}`);
  };
  switch (dtype) {
    case 'float32':
      check(numbers(t.floatData).length);
      return numbersToBytes('float32', numbers(t.floatData));
    case 'float64':
      check(numbers(t.doubleData).length);
      return numbersToBytes('float64', numbers(t.doubleData));
    case 'int64':
      check(t.int64Data?.length ?? 0);
      return int64Bytes(t.int64Data ?? [], true);
    case 'uint64':
      check(t.uint64Data?.length ?? 0);
      return int64Bytes(t.uint64Data ?? [], false);
    case 'uint32':
      check(t.uint64Data?.length ?? 0);
      return numbersToBytes('uint32', (t.uint64Data ?? []).map(num));
    case 'complex64':
      check(numbers(t.floatData).length / 2);
      return numbersToBytes('float32', numbers(t.floatData));
    case 'complex128':
      check(numbers(t.doubleData).length / 2);
      return numbersToBytes('float64', numbers(t.doubleData));
    default: {
      // int32_data carries int8/16/32, uint8/16, bool, float16/bfloat16 (as bit patterns), float8, and packed 4-bit pairs
      const v = t.int32Data ?? [];
      if (dtype === 'int4' || dtype === 'uint4' || dtype === 'float4e2m1') {
        check(v.length * 2 >= count && v.length * 2 <= count + 1 ? count : v.length * 2);
        return Uint8Array.from(v, (x) => x & 0xff);
      }
      check(v.length);
      if (dtype === 'float16' || dtype === 'bfloat16' || dtype === 'uint16')
        return numbersToBytes(
          'uint16',
          v.map((x) => x & 0xffff),
        );
      if (dtype === 'int16') return numbersToBytes('int16', v);
      if (dtype === 'int32') return numbersToBytes('int32', v);
      if (dtype === 'int8') return numbersToBytes('int8', v);
      return Uint8Array.from(v, (x) => x & 0xff);
    }
  }
}

function int64Bytes(values: unknown[], signed: boolean): Uint8Array {
  const a = signed ? new BigInt64Array(values.length) : new BigUint64Array(values.length);
  values.forEach((v, i) => {
    const s = v && typeof v === 'object' && 'toString' in v ? (v as { toString(): string }).toString() : String(v);
    (a as BigInt64Array)[i] = BigInt(s);
  });
  return new Uint8Array(a.buffer);
}

interface ExternalFile {
  real: string;
  size: number;
  /** Whether the real path (links resolved) stays inside the model's real folder. */
  inside: boolean;
}
/** Per model read (its context): each external data file resolved once, however many tensors it holds. */
const externalFiles = new WeakMap<TensorContext, Map<string, ExternalFile | null>>();

function externalFile(ctx: TensorContext, location: string): ExternalFile | null {
  let files = externalFiles.get(ctx);
  if (!files) externalFiles.set(ctx, (files = new Map()));
  if (files.has(location)) return files.get(location)!;
  let file: ExternalFile | null = null;
  try {
    const real = realpathSync(join(ctx.modelDir, location));
    const rel = relative(realpathSync(ctx.modelDir), real);
    file = {
      real,
      size: statSync(real).size,
      inside: !(rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)),
    };
  } catch {
    file = null;
  }
  files.set(location, file);
  return file;
}

/** External data: location/offset/length relative to the model's folder, never outside it; read on demand. */
function externalTensor(t: TP, dtype: DType, dims: number[], ctx: TensorContext, what: string): Tensor {
  const kv = new Map((t.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
  const location = kv.get('location');
  if (!location) throw new InputError(ctx.file, `${what}: external data without a location`);
  if (isAbsolute(location) || location.split(/[\\/]/).includes('..'))
    throw new InputError(ctx.file, `${what}: external data path '${location}' escapes the model's folder`);
  const file = externalFile(ctx, location);
  if (!file) throw new InputError(ctx.file, `${what}: external data file '${location}' not found`);
  const { real, size } = file;
  if (!file.inside)
    throw new InputError(ctx.file, `${what}: external data path '${location}' escapes the model's folder`);
  const offset = Number(kv.get('offset') ?? 0);
  const need = byteSize(
    dtype,
    dims.reduce((a, b) => a * b, 1),
  );
  const length = kv.has('length') ? Number(kv.get('length')) : need;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0)
    throw new InputError(ctx.file, `${what}: bad external data offset/length`);
  if (length !== need)
    throw new InputError(
      ctx.file,
      `${what}: external data length ${length}, ${dtype}[${dims.join(',')}] needs ${need}`,
    );
  if (offset + length > size)
    throw new InputError(
      ctx.file,
      `${what}: external data '${location}' is ${size} bytes, tensor needs bytes ${offset}..${offset + length}`,
    );
  return Tensor.fromExternal(dtype, dims, { path: real, offset, length });
}
