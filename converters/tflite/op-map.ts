/**
 * TFLite builtins → ONNX ops. Tensors keep TFLite's NHWC layout between ops; layout-sensitive ops
 * (convolutions, pooling, resize) are wrapped in NHWC↔NCHW Transposes, which a cleanup then cancels
 * pairwise. Weights are permuted to ONNX layouts; fused activations become their own nodes.
 */
import type { Value } from '../../src/ir/value.js';
import type { Attrs } from '../../src/ir/attr.js';
import { attr } from '../../src/ir/attr.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';
import type { Table } from './flatbuffer-table.js';
import type { TflOperator } from './read-model.js';
import { tfliteTable } from './read-model.js';
import { permute } from './tensor-data.js';

export interface OpCtx {
  op: TflOperator;
  name: string;
  /** Float (dequantized) input i, or null when absent (-1). */
  input(i: number): Value | null;
  /** Constant data of input i (raw, as stored), or null. */
  constData(i: number): Tensor | null;
  /** A float constant derived from input i's data by `f` (e.g. permuted weights), dequantized if quantized. */
  weight(i: number, f: (t: Tensor) => Tensor, axis?: number): Value;
  shapeOf(i: number): number[];
  /** Static shape of output i as the file declares it. */
  outShapeOf(i: number): number[];
  constant(name: string, dtype: 'float32' | 'int64', dims: number[], values: number[]): Value;
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, domain?: string, outputs?: number): Value[];
}

const TO_NCHW = [0, 3, 1, 2],
  TO_NHWC = [0, 2, 3, 1];
function opt(c: OpCtx, field: string): number {
  const spec = tfliteTable().options[c.op.op]?.[field];
  const t: Table | null = c.op.options;
  if (!spec) return 0;
  if (!t) return spec[2] ?? 0;
  const [id, kind, dflt] = spec;
  return kind === 'byte' || kind === 'bool'
    ? t.byte(id, dflt ?? 0)
    : kind === 'float'
      ? t.float(id, dflt ?? 0)
      : t.int(id, dflt ?? 0);
}
function optInts(c: OpCtx, field: string): number[] {
  const s = tfliteTable().options[c.op.op]?.[field];
  return s && c.op.options ? c.op.options.ints(s[0]) : [];
}

function activation(c: OpCtx, y: Value, field = 'fused_activation_function'): Value {
  switch (opt(c, field)) {
    case 0:
      return y;
    case 1:
      return c.node('Relu', [y])[0]!;
    case 2:
      return c.node('Clip', [y, c.constant('min', 'float32', [], [-1]), c.constant('max', 'float32', [], [1])])[0]!;
    case 3:
      return c.node('Clip', [y, c.constant('min', 'float32', [], [0]), c.constant('max', 'float32', [], [6])])[0]!;
    case 4:
      return c.node('Tanh', [y])[0]!;
    default:
      return c.node('Sign', [y])[0]!;
  }
}
const nchw = (c: OpCtx, v: Value): Value => c.node('Transpose', [v], new Map([['perm', attr.ints(TO_NCHW)]]))[0]!;
const nhwc = (c: OpCtx, v: Value): Value => c.node('Transpose', [v], new Map([['perm', attr.ints(TO_NHWC)]]))[0]!;

/** TF SAME padding: total = max((ceil(in/s) − 1)·s + (k − 1)·d + 1 − in, 0), the extra pixel at the end. */
function tfPads(c: OpCtx, inHW: number[], k: number[], s: number[], d: number[]): number[] {
  if (opt(c, 'padding') === 1) return [0, 0, 0, 0];
  return splitPads(inHW.map((n, i) => Math.max((Math.ceil(n / s[i]!) - 1) * s[i]! + (k[i]! - 1) * d[i]! + 1 - n, 0)));
}
/** TF's split of a total [h, w] padding: half at the start (floor), the rest at the end → ONNX pads. */
function splitPads(tot: number[]): number[] {
  return [
    Math.floor(tot[0]! / 2),
    Math.floor(tot[1]! / 2),
    tot[0]! - Math.floor(tot[0]! / 2),
    tot[1]! - Math.floor(tot[1]! / 2),
  ];
}

function conv(c: OpCtx, depthwise: boolean): Value {
  const x = c.shapeOf(0),
    w = c.shapeOf(1);
  const s = [opt(c, 'stride_h'), opt(c, 'stride_w')],
    d = [opt(c, 'dilation_h_factor') || 1, opt(c, 'dilation_w_factor') || 1];
  const k = [w[1]!, w[2]!];
  // OHWI → OIHW; depthwise [1, H, W, C·M] → [C·M, 1, H, W] with group = C
  const weight = depthwise
    ? c.weight(1, (t) => permute(t, [3, 0, 1, 2]), 0)
    : c.weight(1, (t) => permute(t, [0, 3, 1, 2]), 0);
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints(k)],
    ['strides', attr.ints(s)],
    ['dilations', attr.ints(d)],
    ['pads', attr.ints(tfPads(c, [x[1]!, x[2]!], k, s, d))],
  ]);
  if (depthwise) attrs.set('group', attr.int(x[3]!));
  const y = c.node('Conv', [nchw(c, c.input(0)!), weight, c.input(2)], attrs)[0]!;
  return activation(c, nhwc(c, y));
}

/**
 * Transposed convolution on NHWC: weights [O, H, W, I] → ConvTranspose [I, O, H, W]. The output size is
 * given (TRANSPOSE_CONV's output_shape, or the output tensor); padding is what TF derives for it: the
 * total (in−1)·stride + k − out, half at the start (floor), the rest at the end.
 */
function transposeConv(c: OpCtx, xi: number, wi: number, bi: number, strides: number[]): Value {
  const x = c.shapeOf(xi),
    w = c.shapeOf(wi),
    out = c.outShapeOf(0);
  const k = [w[1]!, w[2]!];
  const tot = [0, 1].map((i) => (x[1 + i]! - 1) * strides[i]! + k[i]! - out[1 + i]!);
  const pads = tot.map((t) => Math.max(t, 0)),
    extra = tot.map((t) => Math.max(-t, 0));
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints(k)],
    ['strides', attr.ints(strides)],
    ['pads', attr.ints(splitPads(pads))],
  ]);
  if (extra.some((e) => e)) attrs.set('output_padding', attr.ints(extra));
  const weight = c.weight(wi, (t) => permute(t, [3, 0, 1, 2]), 1);
  return nhwc(c, c.node('ConvTranspose', [nchw(c, c.input(xi)!), weight, bi >= 0 ? c.input(bi) : null], attrs)[0]!);
}

/** MediaPipe's Convolution2DTransposeBias: custom_options are TfLiteTransposeConvParams (int32 padding, stride_w, stride_h). */
function mediapipeTransposeConvBias(c: OpCtx): Value | null {
  const o = c.op.customOptions;
  if (!o || o.byteLength < 12) return null;
  const p = new DataView(o.buffer, o.byteOffset, 12);
  return transposeConv(c, 0, 1, 2, [p.getInt32(8, true), p.getInt32(4, true)]);
}

/** GELU written out (ONNX's Gelu needs opset 20): ½·x·(1 + erf(x/√2)), or with `approximate` the tanh form. */
function gelu(c: OpCtx): Value {
  const x = c.input(0)!,
    k = (name: string, v: number): Value => c.constant(name, 'float32', [], [v]);
  let inner: Value;
  if (opt(c, 'approximate')) {
    const cube = c.node('Mul', [c.node('Mul', [x, x])[0]!, x])[0]!;
    const poly = c.node('Add', [x, c.node('Mul', [cube, k('c', 0.044715)])[0]!])[0]!;
    inner = c.node('Tanh', [c.node('Mul', [poly, k('sqrt_2_over_pi', Math.sqrt(2 / Math.PI))])[0]!])[0]!;
  } else inner = c.node('Erf', [c.node('Div', [x, k('sqrt2', Math.SQRT2)])[0]!])[0]!;
  const onePlus = c.node('Add', [inner, k('one', 1)])[0]!;
  return c.node('Mul', [c.node('Mul', [x, onePlus])[0]!, k('half', 0.5)])[0]!;
}

function pool(c: OpCtx, op: 'MaxPool' | 'AveragePool'): Value {
  const x = c.shapeOf(0);
  const k = [opt(c, 'filter_height'), opt(c, 'filter_width')],
    s = [opt(c, 'stride_h'), opt(c, 'stride_w')];
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints(k)],
    ['strides', attr.ints(s)],
    ['pads', attr.ints(tfPads(c, [x[1]!, x[2]!], k, s, [1, 1]))],
  ]);
  if (op === 'AveragePool') attrs.set('count_include_pad', attr.int(0)); // TF averages over the valid pixels only
  return activation(c, nhwc(c, c.node(op, [nchw(c, c.input(0)!)], attrs)[0]!));
}

function resize(c: OpCtx, mode: 'linear' | 'nearest'): Value {
  const x = c.shapeOf(0);
  const size = c.constData(1);
  const hw = size ? tensorToNumbers(size) : [x[1]!, x[2]!];
  const align = opt(c, 'align_corners'),
    half = opt(c, 'half_pixel_centers');
  const ctm = align
    ? 'align_corners'
    : half
      ? mode === 'nearest'
        ? 'tf_half_pixel_for_nn'
        : 'half_pixel'
      : 'asymmetric';
  const attrs: Attrs = new Map([
    ['mode', attr.string(mode)],
    ['coordinate_transformation_mode', attr.string(ctm)],
  ]);
  if (mode === 'nearest') attrs.set('nearest_mode', attr.string(align ? 'round_prefer_ceil' : 'floor'));
  const sizes = c.constant('sizes', 'int64', [4], [x[0]!, x[3]!, hw[0]!, hw[1]!]);
  return nhwc(c, c.node('Resize', [nchw(c, c.input(0)!), null, null, sizes], attrs)[0]!);
}

function stridedSlice(c: OpCtx): Value {
  const x = c.shapeOf(0);
  const b = tensorToNumbers(c.constData(1)!),
    e = tensorToNumbers(c.constData(2)!),
    st = c.constData(3) ? tensorToNumbers(c.constData(3)!) : b.map(() => 1);
  const bm = opt(c, 'begin_mask'),
    em = opt(c, 'end_mask'),
    sm = opt(c, 'shrink_axis_mask');
  if (opt(c, 'ellipsis_mask') || opt(c, 'new_axis_mask'))
    return c.node(
      'StridedSlice',
      c.op.inputs.map((_, i) => c.input(i)),
      new Map(),
      'tflite',
    )[0]!;
  const big = 2 ** 31 - 1;
  const starts = b.map((v, i) => (bm & (1 << i) ? (st[i]! > 0 ? 0 : big) : v));
  const ends = e.map((v, i) =>
    sm & (1 << i) ? (b[i]! === -1 ? big : b[i]! + 1) : em & (1 << i) ? (st[i]! > 0 ? big : -big) : v,
  );
  const n = starts.length;
  let y = c.node('Slice', [
    c.input(0)!,
    c.constant('starts', 'int64', [n], starts),
    c.constant('ends', 'int64', [n], ends),
    c.constant('axes', 'int64', [n], [...Array(n).keys()]),
    c.constant('steps', 'int64', [n], st),
  ])[0]!;
  const shrink = [...Array(n).keys()].filter((i) => sm & (1 << i));
  if (shrink.length) y = c.node('Squeeze', [y, c.constant('squeeze', 'int64', [shrink.length], shrink)])[0]!;
  void x;
  return y;
}

function fullyConnected(c: OpCtx): Value {
  const x = c.shapeOf(0),
    w = c.shapeOf(1);
  const k = w[1]!;
  let a = c.input(0)!;
  if (x.length !== 2) a = c.node('Reshape', [a, c.constant('shape', 'int64', [2], [-1, k])])[0]!;
  let y = c.node('Gemm', [a, c.weight(1, (t) => t, 0), c.input(2)], new Map([['transB', attr.int(1)]]))[0]!;
  if (opt(c, 'keep_num_dims') && x.length !== 2)
    y = c.node('Reshape', [y, c.constant('shape_out', 'int64', [x.length], [...x.slice(0, -1), w[0]!])])[0]!;
  return activation(c, y);
}

const ELEMENTWISE: Record<string, string> = {
  ADD: 'Add',
  SUB: 'Sub',
  MUL: 'Mul',
  DIV: 'Div',
  MAXIMUM: 'Max',
  MINIMUM: 'Min',
  POW: 'Pow',
  LESS: 'Less',
  GREATER: 'Greater',
  EQUAL: 'Equal',
};
const UNARY: Record<string, string> = {
  RELU: 'Relu',
  LOGISTIC: 'Sigmoid',
  TANH: 'Tanh',
  HARD_SWISH: 'HardSwish',
  EXP: 'Exp',
  LOG: 'Log',
  SQRT: 'Sqrt',
  ABS: 'Abs',
  NEG: 'Neg',
  FLOOR: 'Floor',
  CEIL: 'Ceil',
  ELU: 'Elu',
  SIN: 'Sin',
  COS: 'Cos',
};

/** The builtin table, explicit; null = keep the op foreign (domain 'tflite'). */
export function mapOp(c: OpCtx): Value[] | null {
  const o = c.op.op;
  if (ELEMENTWISE[o]) return [activation(c, c.node(ELEMENTWISE[o]!, [c.input(0), c.input(1)])[0]!)];
  if (UNARY[o]) return c.node(UNARY[o]!, [c.input(0)]);
  switch (o) {
    case 'CONV_2D':
      return [conv(c, false)];
    case 'DEPTHWISE_CONV_2D':
      return [conv(c, true)];
    case 'MAX_POOL_2D':
      return [pool(c, 'MaxPool')];
    case 'AVERAGE_POOL_2D':
      return [pool(c, 'AveragePool')];
    case 'RELU6':
      return c.node('Clip', [c.input(0), c.constant('min', 'float32', [], [0]), c.constant('max', 'float32', [], [6])]);
    case 'RELU_N1_TO_1':
      return c.node('Clip', [
        c.input(0),
        c.constant('min', 'float32', [], [-1]),
        c.constant('max', 'float32', [], [1]),
      ]);
    case 'LEAKY_RELU':
      return c.node('LeakyRelu', [c.input(0)], new Map([['alpha', attr.float(c.op.options?.float(0, 0.2) ?? 0.2)]]));
    case 'PRELU': {
      // alpha [1,1,C] (or [C]) slopes the NHWC channel axis: run it in NCHW with alpha [C,1,1] so the
      // layout transposes around it cancel and per-channel PReLU runtimes (ncnn, NPUs) see it as such
      const x = c.shapeOf(0),
        a = c.constData(1);
      const ch = x[3];
      if (x.length === 4 && a && a.count === ch && a.dims.slice(0, -1).every((d) => d === 1)) {
        const slope = c.weight(1, (t) => Tensor.fromBytes(t.dtype, [ch, 1, 1], t.bytes(), t.quant));
        return [nhwc(c, c.node('PRelu', [nchw(c, c.input(0)!), slope])[0]!)];
      }
      return c.node('PRelu', [c.input(0), c.input(1)]);
    }
    case 'PAD':
    case 'PADV2': {
      const p = tensorToNumbers(c.constData(1)!);
      const r = p.length / 2;
      const pads = [...Array(r).keys()].map((i) => p[2 * i]!).concat([...Array(r).keys()].map((i) => p[2 * i + 1]!));
      return c.node('Pad', [c.input(0), c.constant('pads', 'int64', [2 * r], pads), o === 'PADV2' ? c.input(2) : null]);
    }
    case 'RESHAPE': {
      const shape = c.constData(1) ? tensorToNumbers(c.constData(1)!) : optInts(c, 'new_shape');
      return c.node('Reshape', [c.input(0), c.constant('shape', 'int64', [shape.length], shape)]);
    }
    case 'CONCATENATION':
      return [
        activation(
          c,
          c.node(
            'Concat',
            c.op.inputs.map((_, i) => c.input(i)),
            new Map([['axis', attr.int(opt(c, 'axis'))]]),
          )[0]!,
        ),
      ];
    case 'MEAN':
    case 'SUM':
    case 'REDUCE_MAX': {
      const axes = tensorToNumbers(c.constData(1)!);
      const op = { MEAN: 'ReduceMean', SUM: 'ReduceSum', REDUCE_MAX: 'ReduceMax' }[o]!;
      return c.node(
        op,
        [c.input(0)],
        new Map([
          ['axes', attr.ints(axes)],
          ['keepdims', attr.int(opt(c, 'keep_dims'))],
        ]),
      );
    }
    case 'FULLY_CONNECTED':
      return [fullyConnected(c)];
    case 'STRIDED_SLICE':
      return [stridedSlice(c)];
    case 'RESIZE_BILINEAR':
      return [resize(c, 'linear')];
    case 'RESIZE_NEAREST_NEIGHBOR':
      return [resize(c, 'nearest')];
    case 'TRANSPOSE':
      return c.node('Transpose', [c.input(0)], new Map([['perm', attr.ints(tensorToNumbers(c.constData(1)!))]]));
    case 'SOFTMAX': {
      const beta = c.op.options?.float(0, 1) ?? 1;
      const x = beta === 1 ? c.input(0)! : c.node('Mul', [c.input(0), c.constant('beta', 'float32', [], [beta])])[0]!;
      return c.node('Softmax', [x], new Map([['axis', attr.int(-1)]]));
    }
    case 'GELU':
      return [gelu(c)];
    case 'TRANSPOSE_CONV':
      return [
        activation(
          c,
          transposeConv(c, 2, 1, c.op.inputs.length > 3 ? 3 : -1, [opt(c, 'stride_h'), opt(c, 'stride_w')]),
        ),
      ];
    case 'CUSTOM': {
      const y = c.op.custom === 'Convolution2DTransposeBias' ? mediapipeTransposeConvBias(c) : null;
      return y ? [y] : null;
    }
    case 'DEPTH_TO_SPACE':
      return [
        nhwc(
          c,
          c.node(
            'DepthToSpace',
            [nchw(c, c.input(0)!)],
            new Map([
              ['blocksize', attr.int(opt(c, 'block_size'))],
              ['mode', attr.string('DCR')],
            ]),
          )[0]!,
        ),
      ];
    case 'SPACE_TO_DEPTH':
      return [
        nhwc(
          c,
          c.node('SpaceToDepth', [nchw(c, c.input(0)!)], new Map([['blocksize', attr.int(opt(c, 'block_size'))]]))[0]!,
        ),
      ];
    default:
      return null;
  }
}
