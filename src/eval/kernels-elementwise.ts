import type { Nd } from './nd.js';
import { broadcastDims, broadcastIndex, isIntType, size } from './nd.js';
import type { DType } from '../ir/dtype.js';

type Bin = (a: number, b: number) => number;
const truncDiv = (a: number, b: number): number => (b === 0 ? 0 : Math.trunc(a / b));

export const BINARY: Record<string, { f: Bin; bool?: boolean; int?: Bin }> = {
  Add: { f: (a, b) => a + b },
  Sub: { f: (a, b) => a - b },
  Mul: { f: (a, b) => a * b },
  Div: { f: (a, b) => a / b, int: truncDiv },
  Pow: { f: (a, b) => a ** b },
  Mod: { f: (a, b) => a - Math.floor(a / b) * b },
  FMod: { f: (a, b) => a % b },
  Max: { f: Math.max },
  Min: { f: Math.min },
  Equal: { f: (a, b) => +(a === b), bool: true },
  Less: { f: (a, b) => +(a < b), bool: true },
  Greater: { f: (a, b) => +(a > b), bool: true },
  LessOrEqual: { f: (a, b) => +(a <= b), bool: true },
  GreaterOrEqual: { f: (a, b) => +(a >= b), bool: true },
  And: { f: (a, b) => +(!!a && !!b), bool: true },
  Or: { f: (a, b) => +(!!a || !!b), bool: true },
  Xor: { f: (a, b) => +(!!a !== !!b), bool: true },
};

export const UNARY: Record<string, (x: number) => number> = {
  Neg: (x) => -x,
  Abs: Math.abs,
  Sqrt: Math.sqrt,
  Floor: Math.floor,
  Ceil: Math.ceil,
  Exp: Math.exp,
  Log: Math.log,
  Reciprocal: (x) => 1 / x,
  Not: (x) => +!x,
  Relu: (x) => Math.max(0, x),
  Sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  Tanh: Math.tanh,
  Sign: Math.sign,
  Round: (x) => {
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 ? r - 1 : r;
  },
  Identity: (x) => x,
  Sin: Math.sin,
  Cos: Math.cos,
  Erf: erf,
};

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse for folding; use the series/continued fraction via erfc
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    1 -
    t *
      Math.exp(
        -x * x -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628806 +
                          t *
                            (0.27886807 +
                              t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
  return x >= 0 ? y : -y;
}

function wrap(v: number, d: DType): number {
  if (d === 'int32') return v | 0;
  if (d === 'float32') return Math.fround(v);
  return v;
}

export function binary(op: string, a: Nd, b: Nd): Nd | null {
  const k = BINARY[op];
  const dims = broadcastDims(a.dims, b.dims);
  if (!k || !dims) return null;
  const n = size(dims);
  const f = isIntType(a.dtype) && k.int ? k.int : k.f;
  const dtype: DType = k.bool ? 'bool' : a.dtype;
  const data = new Array<number>(n);
  for (let i = 0; i < n; i++)
    data[i] = wrap(f(a.data[broadcastIndex(i, dims, a.dims)]!, b.data[broadcastIndex(i, dims, b.dims)]!), dtype);
  if (isIntType(dtype) && dtype !== 'bool') for (let i = 0; i < n; i++) data[i] = Math.trunc(data[i]!);
  return { dtype, dims, data };
}

export function unary(op: string, a: Nd): Nd | null {
  const f = UNARY[op];
  if (!f) return null;
  return { dtype: op === 'Not' ? 'bool' : a.dtype, dims: a.dims, data: a.data.map((x) => wrap(f(x), a.dtype)) };
}

export function where(c: Nd, x: Nd, y: Nd): Nd | null {
  const d1 = broadcastDims(c.dims, x.dims);
  const dims = d1 && broadcastDims(d1, y.dims);
  if (!dims) return null;
  const n = size(dims);
  const data = new Array<number>(n);
  for (let i = 0; i < n; i++)
    data[i] = c.data[broadcastIndex(i, dims, c.dims)]
      ? x.data[broadcastIndex(i, dims, x.dims)]!
      : y.data[broadcastIndex(i, dims, y.dims)]!;
  return { dtype: x.dtype, dims, data };
}

const CAST_TO: Record<number, DType> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
};
export function cast(a: Nd, to: number): Nd | null {
  const dtype = CAST_TO[to];
  if (!dtype || a.dtype === 'bfloat16') return null; // bfloat16 sources are not decoded here
  const conv =
    dtype === 'bool'
      ? (x: number) => +!!x
      : isIntType(dtype)
        ? Math.trunc
        : dtype === 'float32'
          ? Math.fround
          : (x: number) => x;
  return { dtype, dims: a.dims, data: a.data.map(conv) };
}
