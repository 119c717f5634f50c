/** Convolution (dilation, group, N-D), the depthwise forks, Deconvolution, and Im2col as a one-hot grouped Conv. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { kernel, param, spatial } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

interface Geometry {
  k: number[];
  s: number[];
  p: number[];
  d: number[];
  n: number;
}

function geometry(c: LayerCtx): Geometry {
  const p = param(c, 'convolution_param');
  const rank = c.shape(c.inputs[0]!)?.length ?? 4;
  const n = Math.max(1, rank - 2);
  const d = p.nums('dilation');
  return {
    k: kernel(p, n),
    s: spatial(p, 'stride', n, 1),
    p: spatial(p, 'pad', n, 0),
    d: Array.from({ length: n }, (_, i) => d[d.length === 1 ? 0 : i] ?? 1),
    n,
  };
}

function convAttrs(g: Geometry, group: number): Map<string, ReturnType<typeof attr.ints>> {
  return new Map([
    ['kernel_shape', attr.ints(g.k)],
    ['strides', attr.ints(g.s)],
    ['pads', attr.ints([...g.p, ...g.p])],
    ['dilations', attr.ints(g.d)],
    ['group', attr.int(group)],
  ]);
}

function conv(c: LayerCtx, depthwise: boolean): Value[] {
  const p = param(c, 'convolution_param');
  const g = geometry(c);
  const cin = c.shape(c.inputs[0]!)?.[1] ?? 0;
  const nout = p.num('num_output') ?? 0;
  const group = depthwise ? cin : (p.num('group') ?? 1);
  const w = c.weight(0, [nout, Math.max(1, Math.floor(cin / Math.max(1, group))), ...g.k], 'weight');
  const b = p.bool('bias_term') === false ? null : c.weight(1, [nout], 'bias');
  return c.node('Conv', [c.inputs[0]!, w, b], convAttrs(g, group));
}

function deconv(c: LayerCtx): Value[] {
  const p = param(c, 'convolution_param');
  const g = geometry(c);
  const cin = c.shape(c.inputs[0]!)?.[1] ?? 0,
    nout = p.num('num_output') ?? 0,
    group = p.num('group') ?? 1;
  // Caffe's deconvolution weight is [C_in, C_out/group, k…], as ONNX ConvTranspose's
  const w = c.weight(0, [cin, Math.floor(nout / group), ...g.k], 'weight');
  const b = p.bool('bias_term') === false ? null : c.weight(1, [nout], 'bias');
  return c.node('ConvTranspose', [c.inputs[0]!, w, b], convAttrs(g, group));
}

/** Im2col: channel (ch·kh + i)·kw + j of the output is the input pixel at kernel offset (i, j) — a Conv with one-hot weights. */
function im2col(c: LayerCtx): Value[] {
  const g = geometry(c);
  const ch = c.shape(c.inputs[0]!)?.[1] ?? 0;
  const taps = g.k.reduce((a, b) => a * b, 1);
  const w = new Array<number>(ch * taps * taps).fill(0);
  for (let o = 0; o < ch * taps; o++) w[o * taps + (o % taps)] = 1;
  const weight = c.constant('onehot', 'float32', [ch * taps, 1, ...g.k], w);
  return c.node('Conv', [c.inputs[0]!, weight], convAttrs(g, ch));
}

export const CONV_OPS: CaffeLayerOp[] = [
  { types: ['Convolution'], import: (c) => conv(c, false) },
  { types: ['ConvolutionDepthwise', 'DepthwiseConvolution'], import: (c) => conv(c, true) },
  { types: ['Deconvolution'], import: deconv },
  { types: ['Im2col'], import: im2col },
];
