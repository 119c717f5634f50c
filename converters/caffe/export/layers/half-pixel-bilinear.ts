/**
 * Bilinear resize with half-pixel coordinates at integer factors, exactly: output o samples input
 * (o + ½)/f − ½, with the input's edge repeated outside it (ONNX Resize linear, PyTorch
 * align_corners=False). The input gets a one-pixel edge-replicated border (Slice + Concat per axis), then a
 * depthwise Deconvolution with the bilinear kernel (size 2f − f mod 2, centre (size − 1)/2, weight
 * 1 − |k − centre|/f) at stride f; its pad ⌊f/2⌋ + f drops the border's extra outputs, so the output is
 * exactly n·f per axis.
 */
import type { Node } from '../../../../src/ir/node.js';
import { blob, CaffeRefusal, layerName, outTop, type WriteCtx } from '../write-context.js';

const kernelSize = (f: number): number => 2 * f - (f % 2);

function kernel1d(f: number): number[] {
  const size = kernelSize(f);
  const centre = (size - 1) / 2;
  return Array.from({ length: size }, (_, k) => 1 - Math.abs(k - centre) / f);
}

/** x with its first and last entry along `axis` repeated once on each side. */
function edgeReplicate(c: WriteCtx, name: string, bottom: string, axis: 2 | 3, n: number): string {
  const tag = axis === 2 ? 'rows' : 'cols';
  let first = bottom,
    last = bottom;
  if (n > 1) {
    const points = n > 2 ? [1, n - 1] : [1];
    const tops = points.length === 2 ? ['first', 'middle', 'last'] : ['first', 'last'];
    const named = tops.map((t) => c.fresh(`${name}_${tag}_${t}`));
    c.emit({
      name: c.fresh(`${name}_${tag}_edges`),
      type: 'Slice',
      bottoms: [bottom],
      tops: named,
      params: { slice_param: { axis, slice_point: points } },
    });
    first = named[0]!;
    last = named[named.length - 1]!;
  }
  const padded = c.fresh(`${name}_${tag}_padded`);
  c.emit({
    name: padded,
    type: 'Concat',
    bottoms: [first, bottom, last],
    tops: [padded],
    params: { concat_param: { axis } },
  });
  return padded;
}

export function halfPixelBilinear(n: Node, c: WriteCtx, x: number[], [fh, fw]: [number, number]): void {
  if (!Number.isInteger(fh) || !Number.isInteger(fw) || fh < 1 || fw < 1)
    throw new CaffeRefusal(
      `linear resize with half_pixel coordinates by ${fh}×${fw}: only integer factors are written exactly (bilinear Deconvolution)`,
    );
  const name = layerName(n, c);
  const padded = edgeReplicate(c, name, edgeReplicate(c, name, c.top(n.inputs[0]), 2, x[2]!), 3, x[3]!);
  const [kh, kw] = [kernel1d(fh), kernel1d(fw)];
  const ch = x[1]!;
  const weights = new Float32Array(ch * kh.length * kw.length);
  for (let ci = 0; ci < ch; ci++)
    kh.forEach((a, i) => kw.forEach((b, j) => (weights[(ci * kh.length + i) * kw.length + j] = a * b)));
  const [ph, pw] = [Math.floor(fh / 2) + fh, Math.floor(fw / 2) + fw];
  c.emit({
    name,
    type: 'Deconvolution',
    bottoms: [padded],
    tops: [outTop(n)],
    params: {
      convolution_param: {
        num_output: ch,
        bias_term: false,
        kernel_h: kh.length,
        kernel_w: kw.length,
        stride_h: fh,
        stride_w: fw,
        pad_h: ph,
        pad_w: pw,
        group: ch,
      },
    },
    blobs: [blob([ch, 1, kh.length, kw.length], weights)],
  });
}
