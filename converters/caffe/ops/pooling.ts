/**
 * Caffe Pooling (BVLC pooling_layer.cpp) with its exact geometry: output size rounded up (round_mode CEIL, the
 * default) or down (round_mode FLOOR, or the fork field ceil_mode: false that OpenCV also reads); a last window
 * that would start inside the end padding is dropped. AVE divides by the window clipped to the padded input
 * (H + pad), which ONNX cannot say: AveragePool over real elements times a constant map (real count / Caffe
 * count) where padding is involved. STOCHASTIC at inference is Σx²/Σx per window. A second top is the max-index
 * mask (h·W + w within each plane, as float), read by the SegNet/ENet Upsample. SPP pools a pyramid of levels.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr, type Attrs } from '../../../src/ir/attr.js';
import type { TextMessage } from '../prototxt-parser.js';
import { foreign } from './foreign.js';
import { pair, param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

export interface PoolSpec {
  method: string;
  k: [number, number];
  s: [number, number];
  p: [number, number];
  ceil: boolean;
}

/** Caffe's pooled size along one axis. */
export function pooledSize(n: number, k: number, s: number, p: number, ceil: boolean): number {
  const span = (n + 2 * p - k) / s;
  let o = (ceil ? Math.ceil(span) : Math.floor(span)) + 1;
  if (p > 0 && (o - 1) * s >= n + p) o--;
  return o;
}

function roundsUp(c: LayerCtx, p: TextMessage): boolean {
  const ceilMode = p.bool('ceil_mode');
  const round = p.str('round_mode');
  if (ceilMode !== undefined && round !== undefined && ceilMode !== (round === 'CEIL'))
    c.warn(`pooling_param sets both ceil_mode: ${ceilMode} and round_mode: ${round}; round_mode is used`);
  if (round !== undefined) return round !== 'FLOOR';
  return ceilMode ?? true;
}

function poolSpec(c: LayerCtx, dims: number[] | null): PoolSpec {
  const p = param(c, 'pooling_param');
  const global = p.bool('global_pooling') ?? false;
  const k: [number, number] = global
    ? [dims?.[2] ?? 1, dims?.[3] ?? 1]
    : p.num('kernel_h') !== undefined
      ? pair(p, 'kernel', 1)
      : pair(p, 'kernel_size', 1);
  return {
    method: p.str('pool') ?? 'MAX',
    k,
    s: global ? [1, 1] : pair(p, 'stride', 1),
    p: global ? [0, 0] : pair(p, 'pad', 0),
    ceil: roundsUp(c, p),
  };
}

/** Output [OH, OW] and the ONNX pads (begin = Caffe's pad, end = what reaches the last window). */
function geometry(sp: PoolSpec, H: number, W: number): { out: [number, number]; pads: number[] } {
  const oh = pooledSize(H, sp.k[0], sp.s[0], sp.p[0], sp.ceil),
    ow = pooledSize(W, sp.k[1], sp.s[1], sp.p[1], sp.ceil);
  const endPad = (o: number, n: number, i: 0 | 1): number => Math.max(0, (o - 1) * sp.s[i] + sp.k[i] - n - sp.p[i]);
  return { out: [oh, ow], pads: [sp.p[0], sp.p[1], endPad(oh, H, 0), endPad(ow, W, 1)] };
}

/** Per output cell: elements inside the input over elements inside input + Caffe's padding (1 where equal). */
function countRatio(sp: PoolSpec, H: number, W: number, out: [number, number]): { values: number[]; trivial: boolean } {
  const values: number[] = [];
  let trivial = true;
  for (let i = 0; i < out[0]; i++) {
    for (let j = 0; j < out[1]; j++) {
      const hs = i * sp.s[0] - sp.p[0],
        ws = j * sp.s[1] - sp.p[1];
      const he = Math.min(hs + sp.k[0], H + sp.p[0]),
        we = Math.min(ws + sp.k[1], W + sp.p[1]);
      const caffe = (he - hs) * (we - ws);
      const real = (Math.min(he, H) - Math.max(hs, 0)) * (Math.min(we, W) - Math.max(ws, 0));
      values.push(real / caffe);
      if (real !== caffe) trivial = false;
    }
  }
  return { values, trivial };
}

/** One Caffe pooling of x (values, and the max mask when `mask`). */
export function caffePool(c: LayerCtx, x: Value, sp: PoolSpec, mask = false): Value[] | null {
  const dims = c.shape(x);
  if (!dims || dims.length !== 4) return null;
  const [, , H, W] = dims as [number, number, number, number];
  const { out, pads } = geometry(sp, H, W);
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints(sp.k)],
    ['strides', attr.ints(sp.s)],
    ['pads', attr.ints(pads)],
  ]);
  if (sp.method === 'MAX') {
    if (!mask) return c.node('MaxPool', [x], attrs);
    const [y, idx] = c.node('MaxPool', [x], attrs, '', 2) as [Value, Value];
    // ONNX indices count over the whole N·C·H·W tensor; Caffe's mask counts within one H·W plane
    const plane = c.node('Mod', [idx, c.constant('plane', 'int64', [], [H * W])])[0]!;
    return [y, c.node('Cast', [plane], new Map([['to', attr.int(1)]]))[0]!];
  }
  const average = (v: Value): Value =>
    c.node('AveragePool', [v], new Map([...attrs, ['count_include_pad', attr.int(0)]]))[0]!;
  if (sp.method === 'STOCHASTIC') {
    if (sp.p[0] || sp.p[1]) return null; // Caffe's stochastic windows ignore pad
    const squares = c.node('Mul', [x, x])[0]!;
    return c.node('Div', [average(squares), average(x)]);
  }
  if (sp.method !== 'AVE') return null;
  const ratio = countRatio(sp, H, W, out);
  const y = average(x);
  if (ratio.trivial) return [y];
  return c.node('Mul', [y, c.constant('count_ratio', 'float32', [1, 1, ...out], ratio.values)]);
}

function pooling(c: LayerCtx): Value[] {
  const x = c.inputs[0]!;
  const sp = poolSpec(c, c.shape(x));
  const mask = c.tops > 1;
  if (mask && sp.method !== 'MAX') c.warn(`a second top (max-index mask) is only defined for MAX pooling`);
  return caffePool(c, x, sp, mask && sp.method === 'MAX') ?? foreign(c);
}

/**
 * SPP: for level l, 2^l bins per side; kernel ceil(H/bins), pad (kernel·bins − H + 1)/2, stride kernel; levels
 * flattened and concatenated (pyramid_height 1: the one pooling as is).
 */
function spp(c: LayerCtx): Value[] {
  const p = param(c, 'spp_param');
  const dims = c.shape(c.inputs[0]!);
  if (!dims || dims.length !== 4) return foreign(c);
  const [, , H, W] = dims as [number, number, number, number];
  const levels = p.num('pyramid_height') ?? 1;
  const parts: Value[] = [];
  for (let l = 0; l < levels; l++) {
    const bins = 2 ** l;
    const kh = Math.ceil(H / bins),
      kw = Math.ceil(W / bins);
    const sp: PoolSpec = {
      method: p.str('pool') ?? 'MAX',
      k: [kh, kw],
      s: [kh, kw],
      p: [Math.floor((kh * bins - H + 1) / 2), Math.floor((kw * bins - W + 1) / 2)],
      ceil: true,
    };
    const one = caffePool(c, c.inputs[0]!, sp);
    if (!one) return foreign(c);
    if (levels === 1) return one; // a one-level pyramid is a plain pooling (4-D top)
    parts.push(c.node('Flatten', [one[0]!], new Map([['axis', attr.int(1)]]))[0]!);
  }
  return c.node('Concat', parts, new Map([['axis', attr.int(1)]]));
}

export const POOLING_OPS: CaffeLayerOp[] = [
  { types: ['Pooling'], import: pooling },
  { types: ['SPP'], import: spp },
];
