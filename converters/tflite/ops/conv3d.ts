/**
 * CONV_3D (NDHWC input, DHWIO filter) and CONV_3D_TRANSPOSE (inputs: output_shape, DHWOI filter, input,
 * bias) as ONNX Conv / ConvTranspose on NCDHW, with TF's SAME/VALID padding per spatial axis.
 */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import { attr } from '../../../src/ir/attr.js';
import { permute } from '../tensor-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';

const TO_NCDHW = [0, 4, 1, 2, 3],
  TO_NDHWC = [0, 2, 3, 4, 1];
const transpose = (c: OpCtx, v: Value, perm: number[]): Value =>
  c.node('Transpose', [v], new Map([['perm', attr.ints(perm)]]))[0]!;

/** TF padding for one spatial axis: SAME total max((⌈n/s⌉−1)·s + (k−1)·d + 1 − n, 0), VALID 0; ONNX begins then ends. */
function tfPads3d(c: OpCtx, n: number[], k: number[], s: number[], d: number[]): number[] {
  const total = n.map((x, i) =>
    opt(c, 'padding') === 1 ? 0 : Math.max((Math.ceil(x / s[i]!) - 1) * s[i]! + (k[i]! - 1) * d[i]! + 1 - x, 0),
  );
  const begin = total.map((t) => Math.floor(t / 2));
  return [...begin, ...total.map((t, i) => t - begin[i]!)];
}

const strides = (c: OpCtx) => [opt(c, 'stride_d'), opt(c, 'stride_h'), opt(c, 'stride_w')];
const dilations = (c: OpCtx) => [
  opt(c, 'dilation_d_factor') || 1,
  opt(c, 'dilation_h_factor') || 1,
  opt(c, 'dilation_w_factor') || 1,
];

function conv3d(c: OpCtx): Value[] {
  const x = c.shapeOf(0),
    w = c.shapeOf(1);
  const k = w.slice(0, 3),
    s = strides(c),
    d = dilations(c);
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints(k)],
    ['strides', attr.ints(s)],
    ['dilations', attr.ints(d)],
    ['pads', attr.ints(tfPads3d(c, x.slice(1, 4), k, s, d))],
  ]);
  if (w[3]! !== x[4]!) attrs.set('group', attr.int(x[4]! / w[3]!));
  const weight = c.weight(1, (t) => permute(t, [4, 3, 0, 1, 2]), 0); // DHWIO → OIDHW
  const bias = c.op.inputs.length > 2 ? c.input(2) : null;
  const y = c.node('Conv', [transpose(c, c.input(0)!, TO_NCDHW), weight, bias], attrs)[0]!;
  return [activation(c, transpose(c, y, TO_NDHWC))];
}

/** The output size is the declared output tensor; padding is TF's for it: total (in−1)·s + (k−1)·d + 1 − out. */
function conv3dTranspose(c: OpCtx): Value[] | null {
  const x = c.shapeOf(2),
    w = c.shapeOf(1),
    out = c.outShapeOf(0);
  const k = w.slice(0, 3),
    s = strides(c),
    d = dilations(c);
  const total = [0, 1, 2].map((i) => (x[1 + i]! - 1) * s[i]! + (k[i]! - 1) * d[i]! + 1 - out[1 + i]!);
  if (total.some((t) => t < 0)) return null;
  const begin = total.map((t) => Math.floor(t / 2));
  const attrs: Attrs = new Map([
    ['kernel_shape', attr.ints(k)],
    ['strides', attr.ints(s)],
    ['dilations', attr.ints(d)],
    ['pads', attr.ints([...begin, ...total.map((t, i) => t - begin[i]!)])],
  ]);
  const weight = c.weight(1, (t) => permute(t, [4, 3, 0, 1, 2]), 1); // DHWOI → IODHW
  const bias = c.op.inputs.length > 3 ? c.input(3) : null;
  const y = c.node('ConvTranspose', [transpose(c, c.input(2)!, TO_NCDHW), weight, bias], attrs)[0]!;
  return [activation(c, transpose(c, y, TO_NDHWC))];
}

export const conv3dOps: TfliteOpTable = { CONV_3D: conv3d, CONV_3D_TRANSPOSE: conv3dTranspose };
