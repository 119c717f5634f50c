/** ncnn import: Convolution and Deconvolution, plain and depthwise (grouped), with bias and fused activation. */
import { attr } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

/** The window attributes ncnn's convolution layers share: kernel, strides, dilations and pads (w, then h defaulting to w). */
function windowAttrs(ctx: NcnnImportCtx, kh: number, kw: number): [string, ReturnType<typeof attr.ints>][] {
  const { l, P } = ctx;
  const pl = P(l, 'pad_left', 0),
    pr = P(l, 'pad_right', pl),
    pt = P(l, 'pad_top', pl),
    pb = P(l, 'pad_bottom', pt);
  const sw = P(l, 'stride_w', 1),
    dw = P(l, 'dilation_w', 1);
  return [
    ['kernel_shape', attr.ints([kh, kw])],
    ['strides', attr.ints([P(l, 'stride_h', sw), sw])],
    ['dilations', attr.ints([P(l, 'dilation_h', dw), dw])],
    ['pads', attr.ints([pt, pl, pb, pr])],
  ];
}

function importConvolution(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, weights, node, set } = ctx;
  const nout = P(l, 'num_output', 0),
    kw = P(l, 'kernel_w', 0),
    kh = P(l, 'kernel_h', kw),
    group = l.type === 'Convolution' ? 1 : P(l, 'group', 1);
  const size = P(l, 'weight_data_size', 0);
  const w = konst(`${l.name}/weight`, 'float32', [nout, size / (nout * kh * kw), kh, kw], weights(l, size, true));
  const b = P(l, 'bias_term', 0) ? konst(`${l.name}/bias`, 'float32', [nout], weights(l, nout, false)) : null;
  set(node('Conv', [x, w, b], new Map([...windowAttrs(ctx, kh, kw), ['group', attr.int(group)]])));
}

function importDeconvolution(ctx: NcnnImportCtx): void {
  const { l, x, file, P, konst, weights, node, set } = ctx;
  const nout = P(l, 'num_output', 0),
    kw = P(l, 'kernel_w', 0),
    kh = P(l, 'kernel_h', kw),
    size = P(l, 'weight_data_size', 0),
    k = kh * kw;
  const group = l.type === 'Deconvolution' ? 1 : P(l, 'group', 1),
    coutG = nout / group;
  const cin = size / (coutG * k),
    cinG = cin / group;
  if (!Number.isInteger(cinG) || !Number.isInteger(coutG))
    throw new InputError(
      file,
      `layer ${l.name}: weight_data_size ${size} does not fit num_output ${nout}, group ${group}, kernel ${kh}×${kw}`,
    );
  // ncnn per group [Cout/group, Cin/group, kh, kw] → ONNX [Cin, Cout/group, kh, kw]
  const src = weights(l, size, true),
    dst = new Float32Array(size);
  for (let g = 0; g < group; g++)
    for (let o = 0; o < coutG; o++)
      for (let i = 0; i < cinG; i++) {
        const from = ((g * coutG + o) * cinG + i) * k;
        dst.set(src.subarray(from, from + k), ((g * cinG + i) * coutG + o) * k);
      }
  const w = konst(`${l.name}/weight`, 'float32', [cin, coutG, kh, kw], dst);
  const b = P(l, 'bias_term', 0) ? konst(`${l.name}/bias`, 'float32', [nout], weights(l, nout, false)) : null;
  const opw = P(l, 'output_pad_right', 0);
  const outputPadding = attr.ints([P(l, 'output_pad_bottom', opw), opw]);
  set(
    node(
      'ConvTranspose',
      [x, w, b],
      new Map([...windowAttrs(ctx, kh, kw), ['output_padding', outputPadding], ['group', attr.int(group)]]),
    ),
  );
}

export const convLayers: NcnnLayerTable = {
  Convolution: importConvolution,
  ConvolutionDepthWise: importConvolution,
  Deconvolution: importDeconvolution,
  DeconvolutionDepthWise: importDeconvolution,
};
