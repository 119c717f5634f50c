import type { Tensor } from './tensor.js';

/**
 * Numeric values of a tensor as doubles (a copy: meant for small constants such as shapes, axes,
 * scales, and for constant folding under a size cap). float16/bfloat16 are decoded; int64 beyond
 * 2^53 loses precision, as JS numbers must.
 */
export function tensorToNumbers(t: Tensor): number[] {
  if (t.dtype === 'string') throw new Error('string tensor has no numeric values');
  const b = t.bytes();
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = t.count;
  const out = new Array<number>(n);
  const rd = reader(t.dtype, dv);
  for (let i = 0; i < n; i++) out[i] = rd(i);
  return out;
}

/**
 * Values as float32: a view of the bytes when they are float32 and 4-byte aligned (weights for writers:
 * no decoding, no copy), else a converted copy.
 */
export function tensorToFloat32(t: Tensor): Float32Array {
  if (t.dtype === 'float32') {
    const b = t.bytes();
    if (b.byteOffset % 4 === 0) return new Float32Array(b.buffer, b.byteOffset, t.count);
    return new Float32Array(Uint8Array.prototype.slice.call(b).buffer, 0, t.count); // a copy (a Buffer's own slice() is a view)
  }
  return Float32Array.from(tensorToNumbers(t));
}

export function tensorToBigInts(t: Tensor): bigint[] {
  const b = t.bytes();
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (t.dtype === 'int64') return Array.from({ length: t.count }, (_, i) => dv.getBigInt64(i * 8, true));
  if (t.dtype === 'uint64') return Array.from({ length: t.count }, (_, i) => dv.getBigUint64(i * 8, true));
  return tensorToNumbers(t).map((x) => BigInt(Math.trunc(x)));
}

export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
export function floatToHalf(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

function reader(dtype: string, dv: DataView): (i: number) => number {
  switch (dtype) {
    case 'float32':
      return (i) => dv.getFloat32(i * 4, true);
    case 'float64':
      return (i) => dv.getFloat64(i * 8, true);
    case 'float16':
      return (i) => halfToFloat(dv.getUint16(i * 2, true));
    case 'bfloat16':
      return (i) => {
        u32[0] = dv.getUint16(i * 2, true) << 16;
        return f32[0]!;
      };
    case 'int8':
      return (i) => dv.getInt8(i);
    case 'uint8':
    case 'bool':
      return (i) => dv.getUint8(i);
    case 'int16':
      return (i) => dv.getInt16(i * 2, true);
    case 'uint16':
      return (i) => dv.getUint16(i * 2, true);
    case 'int32':
      return (i) => dv.getInt32(i * 4, true);
    case 'uint32':
      return (i) => dv.getUint32(i * 4, true);
    case 'int64':
      return (i) => Number(dv.getBigInt64(i * 8, true));
    case 'uint64':
      return (i) => Number(dv.getBigUint64(i * 8, true));
    case 'int4':
      return (i) => {
        const b = dv.getUint8(i >> 1);
        const v = i & 1 ? b >> 4 : b & 15;
        return v >= 8 ? v - 16 : v;
      };
    case 'uint4':
      return (i) => {
        const b = dv.getUint8(i >> 1);
        return i & 1 ? b >> 4 : b & 15;
      };
    default:
      throw new Error(`cannot read ${dtype} values`);
  }
}

/** Write numbers as a tensor's little-endian bytes of the given dtype (for folded constants). */
export function numbersToBytes(dtype: string, values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  switch (dtype) {
    case 'float32':
      return u8(Float32Array.from(values));
    case 'float64':
      return u8(Float64Array.from(values));
    case 'float16':
      return u8(Uint16Array.from(values, (v) => floatToHalf(v)));
    case 'int8':
      return u8(Int8Array.from(values));
    case 'uint8':
      return u8(Uint8Array.from(values));
    case 'bool':
      return u8(Uint8Array.from(values, (v) => (v ? 1 : 0)));
    case 'int16':
      return u8(Int16Array.from(values));
    case 'uint16':
      return u8(Uint16Array.from(values));
    case 'int32':
      return u8(Int32Array.from(values));
    case 'uint32':
      return u8(Uint32Array.from(values));
    case 'int64': {
      const a = new BigInt64Array(n);
      for (let i = 0; i < n; i++) a[i] = BigInt(clampInt64(values[i]!));
      return u8(a);
    }
    case 'uint64': {
      const a = new BigUint64Array(n);
      for (let i = 0; i < n; i++) a[i] = BigInt(Math.max(0, Math.trunc(values[i]!)));
      return u8(a);
    }
    default:
      throw new Error(`cannot write ${dtype} values`);
  }
}

function clampInt64(v: number): bigint | number {
  if (v >= 2 ** 63) return 9223372036854775807n;
  if (v <= -(2 ** 63)) return -9223372036854775808n;
  return Math.trunc(v);
}
function u8(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
