/** ncnn import: Interp (nearest, bilinear, bicubic resizing). */
import { attr, type Attrs } from '../../../src/ir/attr.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

function importInterp(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, shape, node, set } = ctx;
  const s = shape(x);
  const mode =
    ({ 1: 'nearest', 2: 'linear', 3: 'cubic' } as Record<number, string>)[P(l, 'resize_type', 0)] ?? 'nearest';
  const oh = P(l, 'output_height', 0),
    ow = P(l, 'output_width', 0);
  const sizes =
    oh && ow
      ? [s[0]!, s[1]!, oh, ow]
      : [s[0]!, s[1]!, Math.floor(s[2]! * P(l, 'height_scale', 1)), Math.floor(s[3]! * P(l, 'width_scale', 1))];
  const ctm = P(l, 'align_corner', 0) ? 'align_corners' : mode === 'nearest' ? 'asymmetric' : 'half_pixel';
  const a: Attrs = new Map([
    ['mode', attr.string(mode)],
    ['coordinate_transformation_mode', attr.string(ctm)],
  ]);
  if (mode === 'nearest') a.set('nearest_mode', attr.string('floor'));
  set(node('Resize', [x, null, null, konst(`${l.name}/sizes`, 'int64', [4], sizes)], a));
}

export const resizeLayers: NcnnLayerTable = {
  Interp: importInterp,
};
