import type { Dim } from '../ir/shape.js';
import type { Node } from '../ir/node.js';
import type { ShapeFn, In } from './types.js';

/** Output spatial size of a sliding window (conv or pool), honouring auto_pad and ceil_mode. */
function windowOut(
  n: Node,
  x: Dim[],
  kernel: number[],
  { transposed = false, output_padding = [] as number[] } = {},
): Dim[] {
  const k = kernel.length;
  const strides = n.ints('strides') ?? new Array<number>(k).fill(1);
  const dil = n.ints('dilations') ?? new Array<number>(k).fill(1);
  const pads = n.ints('pads') ?? new Array<number>(2 * k).fill(0);
  const auto = n.str('auto_pad', 'NOTSET');
  const ceil = n.int('ceil_mode', 0);
  return x.map((d, i) => {
    if (typeof d !== 'number') return d === null ? null : null;
    const s = strides[i] ?? 1,
      dk = ((kernel[i] ?? 1) - 1) * (dil[i] ?? 1) + 1;
    if (transposed) {
      if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') return d * s;
      return s * (d - 1) + (output_padding[i] ?? 0) + dk - (pads[i] ?? 0) - (pads[i + k] ?? 0);
    }
    if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') return Math.ceil(d / s);
    if (auto === 'VALID') return Math.floor((d - dk) / s) + 1;
    const span = d + (pads[i] ?? 0) + (pads[i + k] ?? 0) - dk;
    let o = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    if (ceil && (o - 1) * s >= d + (pads[i] ?? 0)) o--; // the last window must start inside the input or its left padding
    return o;
  });
}

function spatial(x: In | null): Dim[] | null {
  return x?.shape && x.shape.length >= 2 ? x.shape.slice(2) : null;
}

const conv: ShapeFn = (n, [x, w]) => {
  const s = spatial(x);
  const kernel = n.ints('kernel_shape') ?? w?.shape?.slice(2).map((d) => (typeof d === 'number' ? d : 1)) ?? null;
  if (!s || !kernel) return [{ dtype: x?.dtype ?? null, shape: null }];
  return [{ dtype: x!.dtype, shape: [x!.shape![0]!, w?.shape?.[0] ?? null, ...windowOut(n, s, kernel)] }];
};
const convT: ShapeFn = (n, [x, w]) => {
  const s = spatial(x);
  const kernel = n.ints('kernel_shape') ?? w?.shape?.slice(2).map((d) => (typeof d === 'number' ? d : 1)) ?? null;
  if (!s || !kernel) return [{ dtype: x?.dtype ?? null, shape: null }];
  const group = n.int('group', 1);
  const c = typeof w?.shape?.[1] === 'number' ? (w.shape[1] as number) * group : null;
  const explicit = n.ints('output_shape');
  const sp = explicit
    ? explicit.slice(-s.length)
    : windowOut(n, s, kernel, { transposed: true, output_padding: n.ints('output_padding') ?? [] });
  return [{ dtype: x!.dtype, shape: [x!.shape![0]!, c, ...sp] }];
};
const pool: ShapeFn = (n, [x]) => {
  const s = spatial(x);
  const kernel = n.ints('kernel_shape');
  if (!s || !kernel) return [{ dtype: x?.dtype ?? null, shape: null }];
  const shape = [x!.shape![0]!, x!.shape![1]!, ...windowOut(n, s, kernel)];
  return n.outputs.length > 1
    ? [
        { dtype: x!.dtype, shape },
        { dtype: 'int64', shape },
      ]
    : [{ dtype: x!.dtype, shape }];
};
const globalPool: ShapeFn = (_n, [x]) => [
  { dtype: x?.dtype ?? null, shape: x?.shape ? [x.shape[0]!, x.shape[1]!, ...x.shape.slice(2).map(() => 1)] : null },
];

function matmulShape(a: Dim[] | null, b: Dim[] | null): Dim[] | null {
  if (!a || !b) return null;
  const a2 = a.length === 1 ? [1, a[0]!] : a,
    b2 = b.length === 1 ? [b[0]!, 1] : b;
  const batchA = a2.slice(0, -2),
    batchB = b2.slice(0, -2);
  const r = Math.max(batchA.length, batchB.length);
  const batch: Dim[] = [];
  for (let i = 0; i < r; i++) {
    const x = batchA[batchA.length - r + i] ?? 1,
      y = batchB[batchB.length - r + i] ?? 1;
    batch.push(x === 1 ? y : y === 1 ? x : typeof x === 'number' ? x : y);
  }
  const out = [...batch, a2[a2.length - 2]!, b2[b2.length - 1]!];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.splice(out.length - 1, 1);
  return out;
}

export const CONV: Record<string, ShapeFn> = {
  Conv: conv,
  ConvInteger: (n, i, c) => conv(n, i, c)!.map((o) => ({ ...o, dtype: 'int32' })),
  QLinearConv: (n, [x, , , w], c) =>
    conv(n, [x ?? null, w ?? null], c)!.map((o) => ({ ...o, dtype: x?.dtype ?? null })),
  ConvTranspose: convT,
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  MatMul: (_n, [a, b]) => [{ dtype: a?.dtype ?? null, shape: matmulShape(a?.shape ?? null, b?.shape ?? null) }],
  MatMulInteger: (_n, [a, b]) => [{ dtype: 'int32', shape: matmulShape(a?.shape ?? null, b?.shape ?? null) }],
  QLinearMatMul: (_n, [a, , , b]) => [
    { dtype: a?.dtype ?? null, shape: matmulShape(a?.shape ?? null, b?.shape ?? null) },
  ],
  Gemm: (n, [a, b]) => {
    const sa = a?.shape,
      sb = b?.shape;
    if (!sa || !sb || sa.length !== 2 || sb.length !== 2) return [{ dtype: a?.dtype ?? null, shape: null }];
    return [{ dtype: a!.dtype, shape: [n.int('transA', 0) ? sa[1]! : sa[0]!, n.int('transB', 0) ? sb[0]! : sb[1]!] }];
  },
  MaxRoiPool: (n, [x, rois]) => [
    {
      dtype: x?.dtype ?? null,
      shape: [rois?.shape?.[0] ?? null, x?.shape?.[1] ?? null, ...(n.ints('pooled_shape') ?? [null, null])],
    },
  ],
  RoiAlign: (n, [x, rois]) => [
    {
      dtype: x?.dtype ?? null,
      shape: [rois?.shape?.[0] ?? null, x?.shape?.[1] ?? null, n.int('output_height', 1), n.int('output_width', 1)],
    },
  ],
};
