/**
 * Resizing forks. Upsample with a mask bottom (SegNet/ENet, alexgkendall/caffe-segnet upsample_layer.cpp): each
 * value goes to the plane position its pooling mask names (top zero elsewhere), top size upsample_h/upsample_w,
 * or bottom·scale − pad_out — ONNX MaxUnpool over whole-tensor indices. Upsample without a mask (YOLO ports):
 * nearest by an integer scale. Interp (PSPNet/DeepLab interp_layer.cpp): bilinear with aligned corners to a size
 * from height/width, zoom_factor, shrink_factor (shrink first).
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { foreign } from './foreign.js';
import { param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

function upsampleSize(c: LayerCtx, dims: number[]): [number, number] {
  const p = param(c, 'upsample_param');
  const scale = p.num('scale') ?? 2;
  const sh = p.num('scale_h') ?? scale,
    sw = p.num('scale_w') ?? scale;
  const h = p.num('upsample_h') ?? dims[2]! * sh - (p.bool('pad_out_h') ? 1 : 0);
  const w = p.num('upsample_w') ?? dims[3]! * sw - (p.bool('pad_out_w') ? 1 : 0);
  return [h, w];
}

function unpool(c: LayerCtx): Value[] {
  const [x, mask] = c.inputs as [Value, Value];
  const dims = c.shape(x);
  if (!dims || dims.length !== 4) return foreign(c);
  const [n, ch] = dims as [number, number];
  const [h, w] = upsampleSize(c, dims);
  // whole-tensor index = (n·C + c)·h·w + plane index
  const base = Array.from({ length: n * ch }, (_, i) => i * h * w);
  const plane = c.node('Cast', [mask], new Map([['to', attr.int(7)]]))[0]!;
  const idx = c.node('Add', [plane, c.constant('plane_base', 'int64', [n, ch, 1, 1], base)])[0]!;
  const shape = c.constant('output_shape', 'int64', [4], [n, ch, h, w]);
  // kernel = stride = the scale when the top is exactly bottom·scale; otherwise 1 (MaxUnpool's minimum size is then
  // the bottom's, and output_shape alone sets the top, as upsample_h/upsample_w or pad_out do)
  const exact = h % dims[2]! === 0 && w % dims[3]! === 0;
  const k = exact ? [h / dims[2]!, w / dims[3]!] : [1, 1];
  const out = c.node(
    'MaxUnpool',
    [x, idx, shape],
    new Map([
      ['kernel_shape', attr.ints(k)],
      ['strides', attr.ints(k)],
    ]),
  );
  // shape inference has no MaxUnpool rule (its size comes from an input value): state it
  out[0]!.shape = [n, ch, h, w];
  out[0]!.dtype = 'float32';
  return out;
}

function upsample(c: LayerCtx): Value[] {
  if (c.inputs.length > 1) return unpool(c);
  const p = param(c, 'upsample_param');
  const scale = p.num('scale') ?? 2;
  const scales = c.constant('scales', 'float32', [4], [1, 1, p.num('scale_h') ?? scale, p.num('scale_w') ?? scale]);
  return c.node(
    'Resize',
    [c.inputs[0]!, null, scales],
    new Map([
      ['mode', attr.string('nearest')],
      ['coordinate_transformation_mode', attr.string('asymmetric')],
      ['nearest_mode', attr.string('floor')],
    ]),
  );
}

/** Interp's output size; null when pad_beg/pad_end crop or pad (kept foreign). */
export function interpSize(c: LayerCtx, dims: number[]): [number, number] | null {
  const p = param(c, 'interp_param');
  if ((p.num('pad_beg') ?? 0) !== 0 || (p.num('pad_end') ?? 0) !== 0) return null;
  let h = dims[2]!,
    w = dims[3]!;
  const shrink = p.num('shrink_factor'),
    zoom = p.num('zoom_factor');
  if (p.num('height') && p.num('width')) return [p.num('height')!, p.num('width')!];
  if (shrink) {
    h = Math.floor((h - 1) / shrink) + 1;
    w = Math.floor((w - 1) / shrink) + 1;
  }
  if (zoom) {
    h = h + (h - 1) * (zoom - 1);
    w = w + (w - 1) * (zoom - 1);
  }
  return [h, w];
}

function interp(c: LayerCtx): Value[] {
  const dims = c.shape(c.inputs[0]!);
  const size = dims && dims.length === 4 ? interpSize(c, dims) : null;
  if (!dims || !size) return foreign(c);
  return c.node(
    'Resize',
    [c.inputs[0]!, null, null, c.constant('sizes', 'int64', [4], [dims[0]!, dims[1]!, ...size])],
    new Map([
      ['mode', attr.string('linear')],
      ['coordinate_transformation_mode', attr.string('align_corners')],
    ]),
  );
}

export const RESIZE_OPS: CaffeLayerOp[] = [
  { types: ['Upsample'], import: upsample },
  {
    types: ['Interp'],
    import: interp,
    shape: (c, [x]) => {
      const size = x && x.length === 4 ? interpSize(c, x) : null;
      return [x && size ? [x[0]!, x[1]!, ...size] : null];
    },
  },
];
