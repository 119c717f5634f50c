/** 2-D pooling on NHWC: MAX_POOL_2D, AVERAGE_POOL_2D (Pool2DOptions). */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import { nchw, nhwc, tfPads } from './layout.js';

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

export const poolOps: TfliteOpTable = {
  MAX_POOL_2D: (c) => [pool(c, 'MaxPool')],
  AVERAGE_POOL_2D: (c) => [pool(c, 'AveragePool')],
};
