/** RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR on NHWC (align_corners, half_pixel_centers). */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { nchw, nhwc } from './layout.js';

function coordinateMode(align: boolean, half: boolean, mode: 'linear' | 'nearest'): string {
  if (align) return 'align_corners';
  if (!half) return 'asymmetric';
  return mode === 'nearest' ? 'tf_half_pixel_for_nn' : 'half_pixel';
}

function resize(c: OpCtx, mode: 'linear' | 'nearest'): Value {
  const x = c.shapeOf(0);
  const size = c.constData(1);
  const hw = size ? tensorToNumbers(size) : [x[1]!, x[2]!];
  const align = !!opt(c, 'align_corners'),
    half = !!opt(c, 'half_pixel_centers');
  const attrs: Attrs = new Map([
    ['mode', attr.string(mode)],
    ['coordinate_transformation_mode', attr.string(coordinateMode(align, half, mode))],
  ]);
  if (mode === 'nearest') attrs.set('nearest_mode', attr.string(align ? 'round_prefer_ceil' : 'floor'));
  const sizes = c.constant('sizes', 'int64', [4], [x[0]!, x[3]!, hw[0]!, hw[1]!]);
  return nhwc(c, c.node('Resize', [nchw(c, c.input(0)!), null, null, sizes], attrs)[0]!);
}

export const resizeOps: TfliteOpTable = {
  RESIZE_BILINEAR: (c) => [resize(c, 'linear')],
  RESIZE_NEAREST_NEIGHBOR: (c) => [resize(c, 'nearest')],
};
