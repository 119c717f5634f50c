/**
 * Caffe layers → IR nodes with Caffe's exact semantics. Layers without an exact ONNX equivalent stay
 * foreign (domain 'caffe', op = layer type) with their params as attributes.
 */
import type { Value } from '../../src/ir/value.js';
import type { Attrs } from '../../src/ir/attr.js';
import { attr } from '../../src/ir/attr.js';
import type { Tensor } from '../../src/ir/tensor.js';
import { TextMessage, type Field } from './prototxt-parser.js';
import { priorBox } from './layer-map-detection.js';

export interface LayerCtx {
  name: string;
  type: string;
  p: TextMessage;
  inputs: Value[];
  blobs: (Tensor | null)[];
  /** Shape of a value (runs inference on the graph built so far). */
  shape(v: Value): number[] | null;
  /** A constant: from a caffemodel blob, or with shape only when there are no weights. */
  weight(index: number, dims: number[], name: string): Value;
  constant(name: string, dtype: 'float32' | 'int64', dims: number[], values: number[]): Value;
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, domain?: string, outputs?: number): Value[];
}

type Mapper = (c: LayerCtx) => Value[];

const param = (c: LayerCtx, key: string): TextMessage => c.p.msg(key) ?? new TextMessage();
function pair(m: TextMessage, base: string, dflt: number): [number, number] {
  const h = m.num(`${base}_h`),
    w = m.num(`${base}_w`);
  if (h !== undefined || w !== undefined) return [h ?? dflt, w ?? dflt];
  const v = m.nums(base);
  return v.length >= 2 ? [v[0]!, v[1]!] : v.length === 1 ? [v[0]!, v[0]!] : [dflt, dflt];
}

function conv(c: LayerCtx, depthwise = false): Value[] {
  const p = param(c, 'convolution_param');
  const [sh, sw] = pair(p, 'stride', 1),
    [ph, pw] = pair(p, 'pad', 0);
  const k2 = p.num('kernel_h') !== undefined ? pair(p, 'kernel', 1) : pair(p, 'kernel_size', 1);
  const dil = p.nums('dilation');
  const cin = c.shape(c.inputs[0]!)?.[1] ?? 0;
  const nout = p.num('num_output') ?? 0;
  const group = depthwise ? cin : (p.num('group') ?? 1);
  const w = c.weight(0, [nout, Math.max(1, Math.floor(cin / Math.max(1, group))), k2[0]!, k2[1]!], 'weight');
  const b = p.bool('bias_term') === false ? null : c.weight(1, [nout], 'bias');
  return c.node(
    'Conv',
    [c.inputs[0]!, w, b],
    new Map([
      ['kernel_shape', attr.ints(k2)],
      ['strides', attr.ints([sh, sw])],
      ['pads', attr.ints([ph, pw, ph, pw])],
      ['dilations', attr.ints(dil.length ? [dil[0]!, dil[1] ?? dil[0]!] : [1, 1])],
      ['group', attr.int(group)],
    ]),
  );
}

function deconv(c: LayerCtx): Value[] {
  const p = param(c, 'convolution_param');
  const [sh, sw] = pair(p, 'stride', 1),
    [ph, pw] = pair(p, 'pad', 0);
  const k2 = p.num('kernel_h') !== undefined ? pair(p, 'kernel', 1) : pair(p, 'kernel_size', 1);
  const cin = c.shape(c.inputs[0]!)?.[1] ?? 0,
    nout = p.num('num_output') ?? 0,
    group = p.num('group') ?? 1;
  // Caffe's deconvolution weight is [C_in, C_out/group, kh, kw], as ONNX ConvTranspose's
  const w = c.weight(0, [cin, Math.floor(nout / group), k2[0]!, k2[1]!], 'weight');
  const b = p.bool('bias_term') === false ? null : c.weight(1, [nout], 'bias');
  return c.node(
    'ConvTranspose',
    [c.inputs[0]!, w, b],
    new Map([
      ['kernel_shape', attr.ints(k2)],
      ['strides', attr.ints([sh, sw])],
      ['pads', attr.ints([ph, pw, ph, pw])],
      ['group', attr.int(group)],
    ]),
  );
}

/** Caffe pooling rounds up and drops a last window that would start in the padding; reproduced with explicit end pads. */
function pooling(c: LayerCtx): Value[] {
  const p = param(c, 'pooling_param');
  const method = p.str('pool') ?? 'MAX';
  const x = c.inputs[0]!;
  if (p.bool('global_pooling')) return c.node(method === 'AVE' ? 'GlobalAveragePool' : 'GlobalMaxPool', [x]);
  const [kh, kw] = p.num('kernel_h') !== undefined ? pair(p, 'kernel', 1) : pair(p, 'kernel_size', 1);
  const [sh, sw] = pair(p, 'stride', 1),
    [ph, pw] = pair(p, 'pad', 0);
  const s = c.shape(x);
  const H = s?.[2] ?? 0,
    W = s?.[3] ?? 0;
  const out = (n: number, k: number, st: number, pd: number): number => {
    let o = Math.ceil((n + 2 * pd - k) / st) + 1;
    if (pd > 0 && (o - 1) * st >= n + pd) o--;
    return o;
  };
  const oh = out(H, kh, sh, ph),
    ow = out(W, kw, sw, pw);
  const eh = Math.max(ph, (oh - 1) * sh + kh - H - ph),
    ew = Math.max(pw, (ow - 1) * sw + kw - W - pw);
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints([kh, kw])],
    ['strides', attr.ints([sh, sw])],
    ['pads', attr.ints([ph, pw, eh, ew])],
  ]);
  if (method === 'AVE') {
    // Caffe divides by the window clipped to the padded input (H + pad): with no padding that is
    // count_include_pad = 0; with padding and no extra end padding, count_include_pad = 1.
    attrs.set('count_include_pad', attr.int(ph > 0 || pw > 0 ? 1 : 0));
    return c.node('AveragePool', [x], attrs);
  }
  if (method !== 'MAX') return foreign(c);
  return c.node('MaxPool', [x], attrs);
}

function innerProduct(c: LayerCtx): Value[] {
  const p = param(c, 'inner_product_param');
  const axis = p.num('axis') ?? 1;
  const nout = p.num('num_output') ?? 0;
  const s = c.shape(c.inputs[0]!);
  const k = s ? s.slice(axis).reduce((a, b) => a * b, 1) : 0;
  const transpose = p.bool('transpose') ?? false;
  const flat = c.node('Flatten', [c.inputs[0]!], new Map([['axis', attr.int(axis)]]))[0]!;
  const w = c.weight(0, transpose ? [k, nout] : [nout, k], 'weight');
  const b = p.bool('bias_term') === false ? null : c.weight(1, [nout], 'bias');
  return c.node('Gemm', [flat, w, b], new Map([['transB', attr.int(transpose ? 0 : 1)]]));
}

/** [C] per-channel parameters as [C,1,…] so they broadcast over the channel axis of an N,C,… input. */
function channelDims(c: LayerCtx, ch: number): number[] {
  const r = c.shape(c.inputs[0]!)?.length ?? 4;
  return [ch, ...new Array<number>(Math.max(0, r - 2)).fill(1)];
}

function batchNorm(c: LayerCtx): Value[] {
  const p = param(c, 'batch_norm_param');
  const ch = c.shape(c.inputs[0]!)?.[1] ?? 0;
  const sf = c.blobs[2];
  // Caffe stores mean·s and var·s with the scale factor s in a third blob: divide it out (per channel, small)
  const factor = sf ? new DataView(sf.bytes().buffer, sf.bytes().byteOffset, 4).getFloat32(0, true) : 1;
  const k = factor === 0 ? 0 : 1 / factor;
  const scaled = (i: number, what: string): Value => {
    const b = c.blobs[i];
    if (!b || k === 1) return c.weight(i, [ch], what);
    const dv = new DataView(b.bytes().buffer, b.bytes().byteOffset, b.byteLength);
    return c.constant(
      what,
      'float32',
      [ch],
      Array.from({ length: ch }, (_, j) => dv.getFloat32(j * 4, true) * k),
    );
  };
  const ones = c.constant('gamma', 'float32', [ch], new Array<number>(ch).fill(1)),
    zeros = c.constant('beta', 'float32', [ch], new Array<number>(ch).fill(0));
  return c.node(
    'BatchNormalization',
    [c.inputs[0]!, ones, zeros, scaled(0, 'mean'), scaled(1, 'variance')],
    new Map([['epsilon', attr.float(p.num('eps') ?? 1e-5)]]),
  );
}

function scale(c: LayerCtx): Value[] {
  const p = param(c, 'scale_param');
  if (c.inputs.length > 1) return c.node('Mul', [c.inputs[0]!, c.inputs[1]!]);
  const ch = c.shape(c.inputs[0]!)?.[p.num('axis') ?? 1] ?? 0;
  let y = c.node('Mul', [c.inputs[0]!, c.weight(0, channelDims(c, ch), 'gamma')])[0]!;
  if (p.bool('bias_term')) y = c.node('Add', [y, c.weight(1, channelDims(c, ch), 'beta')])[0]!;
  return [y];
}

function eltwise(c: LayerCtx): Value[] {
  const p = param(c, 'eltwise_param');
  const op = p.str('operation') ?? 'SUM';
  if (op === 'PROD') {
    let acc = c.inputs[0]!;
    for (const v of c.inputs.slice(1)) acc = c.node('Mul', [acc, v])[0]!;
    return [acc];
  }
  if (op === 'MAX') return c.node('Max', c.inputs);
  const coeffs = p.nums('coeff');
  const terms = c.inputs.map((v, i) =>
    coeffs.length && coeffs[i] !== 1 ? c.node('Mul', [v, c.constant(`coeff${i}`, 'float32', [], [coeffs[i]!])])[0]! : v,
  );
  return c.node('Sum', terms);
}

function sliceLayer(c: LayerCtx, tops: number): Value[] {
  const p = param(c, 'slice_param');
  const axis = p.num('axis') ?? p.num('slice_dim') ?? 1;
  const s = c.shape(c.inputs[0]!);
  const n = s?.[axis < 0 ? axis + s.length : axis] ?? 0;
  const points = p.nums('slice_point');
  const bounds = points.length ? [0, ...points, n] : Array.from({ length: tops + 1 }, (_, i) => (i * n) / tops);
  const sizes = bounds.slice(1).map((b, i) => b - bounds[i]!);
  return c.node(
    'Split',
    [c.inputs[0]!, c.constant('split', 'int64', [sizes.length], sizes)],
    new Map([['axis', attr.int(axis)]]),
    '',
    tops,
  );
}

function shuffleChannel(c: LayerCtx): Value[] {
  const g = param(c, 'shuffle_channel_param').num('group') ?? 1;
  const s = c.shape(c.inputs[0]!);
  if (!s || s.length !== 4) return foreign(c);
  const [n, ch, h, w] = s as [number, number, number, number];
  const a = c.node('Reshape', [c.inputs[0]!, c.constant('shape5', 'int64', [5], [n, g, ch / g, h, w])])[0]!;
  const t = c.node('Transpose', [a], new Map([['perm', attr.ints([0, 2, 1, 3, 4])]]))[0]!;
  return c.node('Reshape', [t, c.constant('shape4', 'int64', [4], [n, ch, h, w])]);
}

function reshape(c: LayerCtx): Value[] {
  const p = param(c, 'reshape_param');
  const dims = p.msg('shape')?.nums('dim') ?? [];
  if ((p.num('axis') ?? 0) !== 0 || (p.num('num_axes') ?? -1) !== -1) return foreign(c);
  return c.node('Reshape', [c.inputs[0]!, c.constant('shape', 'int64', [dims.length], dims)]);
}

function flatten(c: LayerCtx): Value[] {
  const p = param(c, 'flatten_param');
  const axis = p.num('axis') ?? 1,
    end = p.num('end_axis') ?? -1;
  if (end === -1) return c.node('Flatten', [c.inputs[0]!], new Map([['axis', attr.int(axis)]]));
  const s = c.shape(c.inputs[0]!);
  if (!s) return foreign(c);
  const e = end < 0 ? end + s.length : end;
  const dims = [...s.slice(0, axis), s.slice(axis, e + 1).reduce((a, b) => a * b, 1), ...s.slice(e + 1)];
  return c.node('Reshape', [c.inputs[0]!, c.constant('shape', 'int64', [dims.length], dims)]);
}

/** A layer with no exact ONNX equivalent (or unknown): kept as `caffe.<Type>` with its params. */
export function foreign(c: LayerCtx, outputs = 1): Value[] {
  const attrs: Attrs = new Map();
  for (const [k, vs] of c.p.fields) {
    if (
      [
        'name',
        'type',
        'bottom',
        'top',
        'param',
        'blobs',
        'include',
        'exclude',
        'phase',
        'loss_weight',
        'propagate_down',
      ].includes(k)
    )
      continue;
    attrs.set(k, attr.string(JSON.stringify(vs.map(plain))));
  }
  return c.node(c.type, c.inputs, attrs, 'caffe', outputs);
}
function plain(f: Field): unknown {
  if (f instanceof TextMessage)
    return Object.fromEntries([...f.fields].map(([k, v]) => [k, v.length === 1 ? plain(v[0]!) : v.map(plain)]));
  return typeof f === 'object' && 'enum' in f ? f.enum : f;
}

/** Power: y = (shift + scale·x)^power. */
function power(c: LayerCtx): Value[] {
  const p = param(c, 'power_param');
  const pw = p.num('power') ?? 1,
    sc = p.num('scale') ?? 1,
    sh = p.num('shift') ?? 0;
  let y = c.inputs[0]!;
  if (sc !== 1) y = c.node('Mul', [y, c.constant('scale', 'float32', [], [sc])])[0]!;
  if (sh !== 0) y = c.node('Add', [y, c.constant('shift', 'float32', [], [sh])])[0]!;
  if (pw !== 1) y = c.node('Pow', [y, c.constant('power', 'float32', [], [pw])])[0]!;
  return y === c.inputs[0] ? c.node('Identity', [y]) : [y];
}

/** Log/Exp with base, scale, shift: y = log_base(shift + scale·x), y = base^(shift + scale·x). */
function logExp(c: LayerCtx, kind: 'Log' | 'Exp'): Value[] {
  const p = param(c, kind === 'Log' ? 'log_param' : 'exp_param');
  const base = p.num('base') ?? -1,
    sc = p.num('scale') ?? 1,
    sh = p.num('shift') ?? 0;
  let y = c.inputs[0]!;
  if (sc !== 1) y = c.node('Mul', [y, c.constant('scale', 'float32', [], [sc])])[0]!;
  if (sh !== 0) y = c.node('Add', [y, c.constant('shift', 'float32', [], [sh])])[0]!;
  const ln = base === -1 ? 1 : Math.log(base);
  if (kind === 'Exp') {
    if (ln !== 1) y = c.node('Mul', [y, c.constant('ln_base', 'float32', [], [ln])])[0]!;
    return c.node('Exp', [y]);
  }
  y = c.node('Log', [y])[0]!;
  return ln === 1 ? [y] : c.node('Div', [y, c.constant('ln_base', 'float32', [], [ln])]);
}

/** Crop: bottom 0 cropped to bottom 1's shape from `axis` on, at `offset`. */
function crop(c: LayerCtx): Value[] {
  const p = param(c, 'crop_param');
  const s0 = c.shape(c.inputs[0]!),
    s1 = c.shape(c.inputs[1]!);
  if (!s0 || !s1) return foreign(c);
  const axis = (p.num('axis') ?? 2) < 0 ? (p.num('axis') ?? 2) + s0.length : (p.num('axis') ?? 2);
  const offs = p.nums('offset');
  const axes = [...Array(s0.length - axis).keys()].map((i) => axis + i);
  const starts = axes.map((_, i) => (offs.length === 1 ? offs[0]! : (offs[i] ?? 0)));
  const ends = axes.map((a, i) => starts[i]! + s1[a]!);
  return c.node('Slice', [
    c.inputs[0]!,
    c.constant('starts', 'int64', [axes.length], starts),
    c.constant('ends', 'int64', [axes.length], ends),
    c.constant('axes', 'int64', [axes.length], axes),
  ]);
}

/** Fork Upsample (YOLO/SegNet Caffe forks): nearest, integer `scale`. */
function upsample(c: LayerCtx): Value[] {
  if (c.inputs.length > 1) return foreign(c); // SegNet's max-unpooling form needs the pooling mask
  const p = param(c, 'upsample_param');
  const sc = p.num('scale') ?? 2;
  return c.node(
    'Resize',
    [c.inputs[0]!, null, c.constant('scales', 'float32', [4], [1, 1, sc, sc])],
    new Map([
      ['mode', attr.string('nearest')],
      ['coordinate_transformation_mode', attr.string('asymmetric')],
      ['nearest_mode', attr.string('floor')],
    ]),
  );
}

/** Interp (DeepLab fork): bilinear with align_corners; height/width, or zoom/shrink factors. */
function interp(c: LayerCtx): Value[] {
  const p = param(c, 'interp_param');
  const s = c.shape(c.inputs[0]!);
  if (!s || (p.num('pad_beg') ?? 0) !== 0 || (p.num('pad_end') ?? 0) !== 0) return foreign(c);
  let h = s[2]!,
    w = s[3]!;
  if (p.num('shrink_factor')) {
    h = Math.floor((h - 1) / p.num('shrink_factor')!) + 1;
    w = Math.floor((w - 1) / p.num('shrink_factor')!) + 1;
  }
  if (p.num('zoom_factor')) {
    h = h + (h - 1) * (p.num('zoom_factor')! - 1);
    w = w + (w - 1) * (p.num('zoom_factor')! - 1);
  }
  if (p.num('height') && p.num('width')) {
    h = p.num('height')!;
    w = p.num('width')!;
  }
  return c.node(
    'Resize',
    [c.inputs[0]!, null, null, c.constant('sizes', 'int64', [4], [s[0]!, s[1]!, h, w])],
    new Map([
      ['mode', attr.string('linear')],
      ['coordinate_transformation_mode', attr.string('align_corners')],
    ]),
  );
}

function argMax(c: LayerCtx): Value[] {
  const p = param(c, 'argmax_param');
  if ((p.num('top_k') ?? 1) !== 1 || p.bool('out_max_val') || p.num('axis') === undefined) return foreign(c);
  return c.node(
    'Cast',
    [
      c.node(
        'ArgMax',
        [c.inputs[0]!],
        new Map([
          ['axis', attr.int(p.num('axis')!)],
          ['keepdims', attr.int(1)],
        ]),
      )[0]!,
    ],
    new Map([['to', attr.int(1)]]),
  );
}

const simple =
  (op: string, attrs: (c: LayerCtx) => Attrs = () => new Map()): Mapper =>
  (c) =>
    c.node(op, [c.inputs[0]!], attrs(c));

/** The layer table, explicit; `tops` = number of tops of the layer. */
export const LAYERS: Record<string, (c: LayerCtx, tops: number) => Value[]> = {
  Convolution: (c) => conv(c),
  ConvolutionDepthwise: (c) => conv(c, true),
  DepthwiseConvolution: (c) => conv(c, true),
  Deconvolution: deconv,
  Pooling: pooling,
  InnerProduct: innerProduct,
  BatchNorm: batchNorm,
  Scale: scale,
  Eltwise: eltwise,
  ReLU: (c) => {
    const s = param(c, 'relu_param').num('negative_slope') ?? 0;
    return s
      ? c.node('LeakyRelu', [c.inputs[0]!], new Map([['alpha', attr.float(s)]]))
      : c.node('Relu', [c.inputs[0]!]);
  },
  ReLU6: (c) =>
    c.node('Clip', [c.inputs[0]!, c.constant('min', 'float32', [], [0]), c.constant('max', 'float32', [], [6])]),
  PReLU: (c) => {
    const shared = param(c, 'prelu_param').bool('channel_shared') ?? false;
    const ch = c.shape(c.inputs[0]!)?.[1] ?? 0;
    return c.node('PRelu', [c.inputs[0]!, c.weight(0, shared ? [1] : channelDims(c, ch), 'slope')]);
  },
  Sigmoid: simple('Sigmoid'),
  TanH: simple('Tanh'),
  AbsVal: simple('Abs'),
  ELU: simple('Elu', (c) => new Map([['alpha', attr.float(param(c, 'elu_param').num('alpha') ?? 1)]])),
  Softmax: simple('Softmax', (c) => new Map([['axis', attr.int(param(c, 'softmax_param').num('axis') ?? 1)]])),
  Concat: (c) =>
    c.node(
      'Concat',
      c.inputs,
      new Map([
        ['axis', attr.int(param(c, 'concat_param').num('axis') ?? param(c, 'concat_param').num('concat_dim') ?? 1)],
      ]),
    ),
  Slice: (c, tops) => sliceLayer(c, tops),
  Flatten: flatten,
  Reshape: reshape,
  Permute: (c) =>
    c.node('Transpose', [c.inputs[0]!], new Map([['perm', attr.ints(param(c, 'permute_param').nums('order'))]])),
  LRN: (c) => {
    const p = param(c, 'lrn_param');
    if ((p.str('norm_region') ?? 'ACROSS_CHANNELS') !== 'ACROSS_CHANNELS') return foreign(c);
    return c.node(
      'LRN',
      [c.inputs[0]!],
      new Map([
        ['size', attr.int(p.num('local_size') ?? 5)],
        ['alpha', attr.float(p.num('alpha') ?? 1)],
        ['beta', attr.float(p.num('beta') ?? 0.75)],
        ['bias', attr.float(p.num('k') ?? 1)],
      ]),
    );
  },
  ShuffleChannel: shuffleChannel,
  Power: power,
  Log: (c) => logExp(c, 'Log'),
  Crop: crop,
  Upsample: upsample,
  Interp: interp,
  ArgMax: argMax,
  BNLL: simple('Softplus'),
  Exp: (c) => logExp(c, 'Exp'),
  PriorBox: priorBox,
};
