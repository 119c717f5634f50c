/**
 * Resize/Upsample. Nearest at integer factors is out[i] = in[⌊i/f⌋] for asymmetric+floor and for
 * half_pixel with round-half rounding: written as a depthwise Deconvolution with weights 1 (plain Caffe,
 * OpenCV) or as the NNIE Upsample extension layer. Bilinear with align_corners → Interp; bilinear with
 * half_pixel at integer factors → edge-replicated border + bilinear Deconvolution (half-pixel-bilinear.ts).
 * Other modes are refused: Caffe has no layer with their border behaviour.
 */
import type { Node } from '../../../../src/ir/node.js';
import {
  blob,
  CaffeRefusal,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';
import { halfPixelBilinear } from './half-pixel-bilinear.js';

/** Coordinate transform and rounding pairs for which nearest resizing at an integer factor picks ⌊i/f⌋. */
function nearestIsFloor(n: Node): boolean {
  if (n.op === 'Upsample') return true;
  const coord = n.str('coordinate_transformation_mode', 'half_pixel');
  const rounding = n.str('nearest_mode', 'round_prefer_floor');
  if (coord === 'asymmetric') return rounding === 'floor';
  if (coord === 'half_pixel' || coord === 'pytorch_half_pixel') return rounding.startsWith('round_prefer');
  return false;
}

function factors(x: number[], y: number[]): [number, number] {
  if (x.length !== 4) throw new CaffeRefusal(`${x.length}-D resize: written for 4-D blobs`);
  if (x[0] !== y[0] || x[1] !== y[1]) throw new CaffeRefusal('resizes the batch or channel axis');
  const f = [y[2]! / x[2]!, y[3]! / x[3]!];
  return [f[0]!, f[1]!];
}

function nearest(n: Node, c: WriteCtx, x: number[], [fh, fw]: [number, number]): void {
  if (!Number.isInteger(fh) || !Number.isInteger(fw) || fh < 1 || fw < 1)
    throw new CaffeRefusal(`nearest resize by ${fh}×${fw}: only integer factors are exact`);
  if (!nearestIsFloor(n))
    throw new CaffeRefusal(
      `nearest resize with ${n.str('coordinate_transformation_mode')}/${n.str('nearest_mode')}: does not pick ⌊i/f⌋ like Caffe's upsampling`,
    );
  const name = layerName(n, c);
  if (c.flavor === 'nnie') {
    if (fh !== fw) throw new CaffeRefusal(`NNIE's Upsample has one scale; this resize is ${fh}×${fw}`);
    return c.emit({
      name,
      type: 'Upsample',
      bottoms: [c.top(n.inputs[0])],
      tops: [outTop(n)],
      params: { upsample_param: { scale: fh } },
    });
  }
  const ch = x[1]!;
  c.emit({
    name,
    type: 'Deconvolution',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: {
      convolution_param: {
        num_output: ch,
        bias_term: false,
        ...(fh === fw ? { kernel_size: fh, stride: fh } : { kernel_h: fh, kernel_w: fw, stride_h: fh, stride_w: fw }),
        group: ch,
      },
    },
    blobs: [blob([ch, 1, fh, fw], new Float32Array(ch * fh * fw).fill(1))],
  });
}

function write(n: Node, c: WriteCtx): void {
  const x = staticDims(n.inputs[0]);
  const y = staticDims(n.outputs[0]);
  const f = factors(x, y);
  const mode = n.str('mode', 'nearest');
  if (mode === 'nearest') return nearest(n, c, x, f);
  if ((mode === 'linear' || mode === 'bilinear') && n.str('coordinate_transformation_mode') === 'align_corners') {
    if (c.flavor !== 'nnie')
      throw new CaffeRefusal(
        "bilinear resize with aligned corners: Caffe's Interp, which OpenCV dnn cannot read (no interp_param)",
        'caffe/Interp-opencv',
      );
    return c.emit({
      name: layerName(n, c),
      type: 'Interp',
      bottoms: [c.top(n.inputs[0])],
      tops: [outTop(n)],
      params: { interp_param: { height: y[2]!, width: y[3]! } },
    });
  }
  const coord =
    n.op === 'Upsample' || c.opset < 11 ? 'asymmetric' : n.str('coordinate_transformation_mode', 'half_pixel');
  if ((mode === 'linear' || mode === 'bilinear') && (coord === 'half_pixel' || coord === 'pytorch_half_pixel'))
    return halfPixelBilinear(n, c, x, f);
  throw new CaffeRefusal(
    `${mode} resize with ${n.str('coordinate_transformation_mode', 'half_pixel')} coordinates: Caffe's Interp aligns corners and a bilinear Deconvolution differs at the border`,
  );
}

export const resizeFamily: LayerFamily = { ops: ['Resize', 'Upsample'], write };
