/**
 * An RGBA image → one input tensor: resized bilinearly to the input's H×W (half-pixel centres, edge pixels
 * repeated: OpenCV's `cv2.resize` INTER_LINEAR without its fixed-point rounding, which the toolchains' Python
 * examples use), RGB channel order (grey inputs with one channel take the BT.601 luma 0.299R + 0.587G + 0.114B),
 * then (value − mean[c]) / std[c] on 0–255 values, laid out NCHW or NHWC.
 */
import type { Layout, PreprocessOptions } from './preprocess-options.js';
import type { RgbaImage } from './decode-image.js';

const LUMA = [0.299, 0.587, 0.114];

/** The image's channel c at (y, x) of the resized grid, bilinearly from the source. */
function sampler(img: RgbaImage, height: number, width: number): (y: number, x: number, c: number) => number {
  const sy = img.height / height;
  const sx = img.width / width;
  const at = (y: number, x: number, c: number): number => img.data[(y * img.width + x) * 4 + c]!;
  return (y, x, c) => {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
    const y0 = Math.floor(fy);
    const x0 = Math.floor(fx);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const x1 = Math.min(x0 + 1, img.width - 1);
    const dy = fy - y0;
    const dx = fx - x0;
    const top = at(y0, x0, c) * (1 - dx) + at(y0, x1, c) * dx;
    const bottom = at(y1, x0, c) * (1 - dx) + at(y1, x1, c) * dx;
    return top * (1 - dy) + bottom * dy;
  };
}

export interface TensorGeometry {
  channels: number;
  height: number;
  width: number;
  layout: Layout;
}

export function imageToTensor(img: RgbaImage, g: TensorGeometry, pre: PreprocessOptions): Float32Array {
  const pixel = sampler(img, g.height, g.width);
  const out = new Float32Array(g.channels * g.height * g.width);
  const param = (values: number[], c: number): number => values[values.length === 1 ? 0 : c] ?? values[0]!;
  for (let y = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++)
      for (let c = 0; c < g.channels; c++) {
        const raw =
          g.channels === 1 ? LUMA.reduce((s, w, k) => s + w * pixel(y, x, k), 0) : pixel(y, x, Math.min(c, 2));
        const value = (raw - param(pre.mean, c)) / param(pre.std, c);
        const index = g.layout === 'nchw' ? (c * g.height + y) * g.width + x : (y * g.width + x) * g.channels + c;
        out[index] = value;
      }
  return out;
}
