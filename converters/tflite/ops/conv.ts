/** Convolutions on NHWC: CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV and MediaPipe's Convolution2DTransposeBias. */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import { attr } from '../../../src/ir/attr.js';
import { permute } from '../tensor-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import { nchw, nhwc, splitPads, tfPads } from './layout.js';

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
  else if (w[3]! !== x[3]!) attrs.set('group', attr.int(x[3]! / w[3]!)); // grouped CONV_2D: filter depth = C / groups
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
function mediapipeTransposeConvBias(c: OpCtx): Value[] | null {
  const o = c.op.customOptions;
  if (!o || o.byteLength < 12) return null;
  const p = new DataView(o.buffer, o.byteOffset, 12);
  return [transposeConv(c, 0, 1, 2, [p.getInt32(8, true), p.getInt32(4, true)])];
}

export const convOps: TfliteOpTable = {
  CONV_2D: (c) => [conv(c, false)],
  DEPTHWISE_CONV_2D: (c) => [conv(c, true)],
  TRANSPOSE_CONV: (c) => [
    activation(c, transposeConv(c, 2, 1, c.op.inputs.length > 3 ? 3 : -1, [opt(c, 'stride_h'), opt(c, 'stride_w')])),
  ],
  'CUSTOM:Convolution2DTransposeBias': mediapipeTransposeConvBias,
};
