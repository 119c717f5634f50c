/**
 * SSD's PriorBox (weiliu89/caffe src/caffe/layers/prior_box_layer.cpp; OpenCV dnn prior_box_layer.cpp):
 * its output depends only on the shapes of its inputs. It stays a caffe.PriorBox node (targets such as
 * NNIE check it as a layer) whose output carries the value it computes, so folding turns it into a constant.
 * Per feature-map cell (row-major), per min_size: the min_size box, the √(min·max) box when max sizes are
 * given, then one box per aspect ratio ≠ 1 (ratios deduplicated, with 1/ar when flip); corners are
 * normalised by the image size, optionally clipped to [0, 1]; the second channel holds the variances.
 */
import type { Value } from '../../../src/ir/value.js';
import { TextMessage } from '../prototxt-parser.js';
import { Tensor } from '../../../src/ir/tensor.js';
import { foreign } from './foreign.js';
import type { LayerCtx } from './types.js';

export function priorBox(c: LayerCtx): Value[] {
  const p = c.p.msg('prior_box_param') ?? new TextMessage();
  const fm = c.inputs[0] ? c.shape(c.inputs[0]) : null,
    im = c.inputs[1] ? c.shape(c.inputs[1]) : null;
  if (!fm || !im || fm.length !== 4 || im.length !== 4) return foreign(c);
  const [H, W] = [fm[2]!, fm[3]!];
  const imgH = p.num('img_h') ?? p.num('img_size') ?? im[2]!,
    imgW = p.num('img_w') ?? p.num('img_size') ?? im[3]!;
  const stepH = p.num('step_h') ?? p.num('step') ?? imgH / H,
    stepW = p.num('step_w') ?? p.num('step') ?? imgW / W;
  const offset = p.num('offset') ?? 0.5,
    clip = p.bool('clip') ?? false,
    flip = p.bool('flip') ?? true;
  const mins = p.nums('min_size'),
    maxs = p.nums('max_size');
  if (!mins.length || (maxs.length && maxs.length !== mins.length) || p.nums('width').length || p.nums('height').length)
    return foreign(c);
  const ratios = [1];
  for (const ar of p.nums('aspect_ratio')) {
    if (ratios.some((r) => Math.abs(r - ar) < 1e-6)) continue;
    ratios.push(ar);
    if (flip) ratios.push(1 / ar);
  }
  const variance = p.nums('variance');
  if (variance.length > 1 && variance.length !== 4) return foreign(c);
  const boxes: number[] = [];
  const push = (cx: number, cy: number, bw: number, bh: number): void => {
    for (const v of [(cx - bw / 2) / imgW, (cy - bh / 2) / imgH, (cx + bw / 2) / imgW, (cy + bh / 2) / imgH])
      boxes.push(clip ? Math.min(Math.max(v, 0), 1) : v);
  };
  for (let h = 0; h < H; h++) {
    for (let w = 0; w < W; w++) {
      const cx = (w + offset) * stepW,
        cy = (h + offset) * stepH;
      mins.forEach((min, i) => {
        push(cx, cy, min, min);
        if (maxs.length) {
          const s = Math.sqrt(min * maxs[i]!);
          push(cx, cy, s, s);
        }
        for (const r of ratios) if (Math.abs(r - 1) >= 1e-6) push(cx, cy, min * Math.sqrt(r), min / Math.sqrt(r));
      });
    }
  }
  const vars = variance.length === 4 ? boxes.map((_, i) => variance[i % 4]!) : boxes.map(() => variance[0] ?? 0.1);
  // Caffe computes in float: round through float32 like the reference runtimes
  const dims = [1, 2, boxes.length];
  const [out] = foreign(c);
  out!.meta.value = Tensor.fromBytes('float32', dims, new Uint8Array(Float32Array.from([...boxes, ...vars]).buffer));
  out!.dtype = 'float32';
  out!.shape = dims;
  return [out!];
}
