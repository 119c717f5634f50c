import type { Nd } from './nd.js';
import { broadcastDims, broadcastIndex, normAxis, size, strides } from './nd.js';

/** Gather along `axis` (negative indices count from the end). */
export function gather(a: Nd, idx: Nd, axis: number): Nd | null {
  axis = normAxis(axis, a.dims.length);
  const d = a.dims[axis];
  if (d === undefined) return null;
  const outer = size(a.dims.slice(0, axis)),
    inner = size(a.dims.slice(axis + 1));
  const dims = [...a.dims.slice(0, axis), ...idx.dims, ...a.dims.slice(axis + 1)];
  const data: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const raw of idx.data) {
      const i = raw < 0 ? raw + d : raw;
      if (i < 0 || i >= d) return null;
      for (let k = 0; k < inner; k++) data.push(a.data[(o * d + i) * inner + k]!);
    }
  return { dtype: a.dtype, dims, data };
}

export function concat(parts: Nd[], axis: number): Nd | null {
  const r = parts[0]!.dims.length;
  axis = normAxis(axis, r);
  const outer = size(parts[0]!.dims.slice(0, axis));
  const dims = [...parts[0]!.dims];
  dims[axis] = parts.reduce((s, p) => s + (p.dims[axis] ?? 0), 0);
  const data: number[] = [];
  for (let o = 0; o < outer; o++)
    for (const p of parts) {
      const chunk = size(p.dims.slice(axis));
      for (let k = 0; k < chunk; k++) data.push(p.data[o * chunk + k]!);
    }
  return { dtype: parts[0]!.dtype, dims, data };
}

/** ONNX Slice (opset ≥ 10 form): starts/ends/axes/steps with clamping as the spec says. */
export function slice(a: Nd, starts: number[], ends: number[], axes?: number[], steps?: number[]): Nd | null {
  const r = a.dims.length;
  const ax = (axes ?? starts.map((_, i) => i)).map((x) => normAxis(x, r));
  const st = new Array<number>(r).fill(0),
    en = [...a.dims],
    sp = new Array<number>(r).fill(1);
  ax.forEach((axis, i) => {
    const d = a.dims[axis]!,
      step = steps?.[i] ?? 1;
    let s = starts[i]!,
      e = ends[i]!;
    if (s < 0) s += d;
    if (e < 0) e += d;
    if (step > 0) {
      s = Math.min(Math.max(s, 0), d);
      e = Math.min(Math.max(e, 0), d);
    } else {
      s = Math.min(Math.max(s, -1), d - 1);
      e = Math.min(Math.max(e, -1), d - 1);
    }
    st[axis] = s;
    en[axis] = e;
    sp[axis] = step;
  });
  if (sp.some((s) => s === 0)) return null;
  const dims = a.dims.map((_, i) => Math.max(0, Math.ceil((en[i]! - st[i]!) / sp[i]!)));
  const src = strides(a.dims);
  const n = size(dims);
  const data = new Array<number>(n);
  for (let f = 0; f < n; f++) {
    let rem = f,
      off = 0;
    for (let i = r - 1; i >= 0; i--) {
      const c = rem % dims[i]!;
      rem = Math.floor(rem / dims[i]!);
      off += (st[i]! + c * sp[i]!) * src[i]!;
    }
    data[f] = a.data[off]!;
  }
  return { dtype: a.dtype, dims, data };
}

export function transpose(a: Nd, perm?: number[]): Nd {
  const r = a.dims.length;
  const p = perm ?? a.dims.map((_, i) => r - 1 - i);
  const dims = p.map((i) => a.dims[i]!);
  const src = strides(a.dims);
  const n = size(dims);
  const data = new Array<number>(n);
  for (let f = 0; f < n; f++) {
    let rem = f,
      off = 0;
    for (let i = r - 1; i >= 0; i--) {
      const c = rem % dims[i]!;
      rem = Math.floor(rem / dims[i]!);
      off += c * src[p[i]!]!;
    }
    data[f] = a.data[off]!;
  }
  return { dtype: a.dtype, dims, data };
}

/** Reshape target dims: 0 copies the input dim (unless allowzero), one -1 is inferred. */
export function reshapeDims(input: number[], shape: number[], allowzero = 0): number[] | null {
  const out = shape.map((d, i) => (d === 0 && !allowzero ? (input[i] ?? 0) : d));
  const minus = out.indexOf(-1);
  if (minus >= 0) {
    const known = out.reduce((p, d, i) => (i === minus ? p : p * d), 1);
    if (known === 0) return null;
    out[minus] = size(input) / known;
    if (!Number.isInteger(out[minus])) return null;
  }
  return size(out) === size(input) ? out : null;
}

export function expand(a: Nd, shape: number[]): Nd | null {
  const dims = broadcastDims(a.dims, shape);
  if (!dims) return null;
  const n = size(dims);
  return { dtype: a.dtype, dims, data: Array.from({ length: n }, (_, i) => a.data[broadcastIndex(i, dims, a.dims)]!) };
}

export function tile(a: Nd, repeats: number[]): Nd {
  const dims = a.dims.map((d, i) => d * repeats[i]!);
  const src = strides(a.dims);
  const n = size(dims);
  const data = new Array<number>(n);
  for (let f = 0; f < n; f++) {
    let rem = f,
      off = 0;
    for (let i = dims.length - 1; i >= 0; i--) {
      const c = rem % dims[i]!;
      rem = Math.floor(rem / dims[i]!);
      off += (c % a.dims[i]!) * src[i]!;
    }
    data[f] = a.data[off]!;
  }
  return { dtype: a.dtype, dims, data };
}

const REDUCE: Record<
  string,
  { init: number; f: (acc: number, x: number) => number; post?: (acc: number, n: number) => number }
> = {
  ReduceSum: { init: 0, f: (a, x) => a + x },
  ReduceProd: { init: 1, f: (a, x) => a * x },
  ReduceMax: { init: -Infinity, f: Math.max },
  ReduceMin: { init: Infinity, f: Math.min },
  ReduceMean: { init: 0, f: (a, x) => a + x, post: (a, n) => a / n },
};
export function reduce(op: string, a: Nd, axes: number[] | null, keepdims: boolean): Nd | null {
  const k = REDUCE[op];
  if (!k) return null;
  const r = a.dims.length;
  const ax = new Set((axes && axes.length ? axes : a.dims.map((_, i) => i)).map((x) => normAxis(x, r)));
  const keptDims = a.dims.map((d, i) => (ax.has(i) ? 1 : d));
  const acc = new Array<number>(size(keptDims)).fill(k.init);
  const src = strides(a.dims),
    dst = strides(keptDims);
  for (let f = 0; f < a.data.length; f++) {
    let rem = f,
      off = 0;
    for (let i = 0; i < r; i++) {
      const c = Math.floor(rem / src[i]!);
      rem -= c * src[i]!;
      if (!ax.has(i)) off += c * dst[i]!;
    }
    acc[off] = k.f(acc[off]!, a.data[f]!);
  }
  const count = size([...ax].map((i) => a.dims[i]!));
  const data = k.post ? acc.map((v) => k.post!(v, count)) : acc;
  return { dtype: a.dtype, dims: keepdims ? keptDims : a.dims.filter((_, i) => !ax.has(i)), data };
}

export function range(start: number, limit: number, delta: number, dtype: Nd['dtype']): Nd | null {
  if (delta === 0) return null;
  const n = Math.max(Math.ceil((limit - start) / delta), 0);
  if (n > 1 << 20) return null;
  return { dtype, dims: [n], data: Array.from({ length: n }, (_, i) => start + i * delta) };
}
