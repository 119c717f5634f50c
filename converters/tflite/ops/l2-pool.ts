/** L2_POOL_2D: √(mean of x² over the window's valid pixels) = Sqrt(AveragePool(x·x)), TF padding, fused activation. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import { nchw, nhwc, tfPads } from './layout.js';

function l2Pool(c: OpCtx): Value[] {
  const x = c.shapeOf(0);
  const k = [opt(c, 'filter_height'), opt(c, 'filter_width')],
    s = [opt(c, 'stride_h'), opt(c, 'stride_w')];
  const attrs = new Map([
    ['kernel_shape', attr.ints(k)],
    ['strides', attr.ints(s)],
    ['pads', attr.ints(tfPads(c, [x[1]!, x[2]!], k, s, [1, 1]))],
    ['count_include_pad', attr.int(0)],
  ]);
  const v = nchw(c, c.input(0)!);
  const mean = c.node('AveragePool', [c.node('Mul', [v, v])[0]!], attrs)[0]!;
  return [activation(c, nhwc(c, c.node('Sqrt', [mean])[0]!))];
}

export const l2PoolOps: TfliteOpTable = { L2_POOL_2D: l2Pool };
