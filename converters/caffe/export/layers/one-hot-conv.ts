/**
 * Data movement written as convolutions whose weights are one-hot: every output element is one input
 * element times 1 plus zeros, so the result is exact. Strided spatial slices (YOLOv5's Focus) become a
 * depthwise Convolution, SpaceToDepth a Convolution, DepthToSpace a Deconvolution, kernel = stride = block.
 */
import type { Node } from '../../../../src/ir/node.js';
import {
  blob,
  CaffeRefusal,
  constF32,
  constInts,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';
import { pairParams } from '../spatial-attrs.js';
import { cropSpatial, needsCrop } from '../crop.js';

/** x[:, :, b_h::s_h, b_w::s_w] as a depthwise convolution with kernel b+1 and a 1 at its last tap. */
export function stridedSpatialSlice(n: Node, c: WriteCtx, cut: Map<number, { begin: number; step: number }>): void {
  const x = staticDims(n.inputs[0]);
  const y = staticDims(n.outputs[0]);
  if (x.length !== 4 || [...cut.keys()].some((a) => a < 2))
    throw new CaffeRefusal('a strided slice is written only along H and W of a 4-D blob');
  const spec = [2, 3].map((a) => cut.get(a) ?? { begin: 0, step: 1 });
  for (const [i, s] of spec.entries()) {
    if (s.step < 1 || s.begin >= s.step || Math.floor((x[2 + i]! - (s.begin + 1)) / s.step) + 1 !== y[2 + i])
      throw new CaffeRefusal(
        `strided slice start ${s.begin}, step ${s.step} on size ${x[2 + i]}: not a whole-stride subsampling`,
      );
  }
  const ch = x[1]!;
  const [kh, kw] = spec.map((s) => s.begin + 1);
  const w = new Float32Array(ch * kh! * kw!);
  for (let k = 0; k < ch; k++) w[k * kh! * kw! + kh! * kw! - 1] = 1;
  c.emit({
    name: layerName(n, c),
    type: 'Convolution',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: {
      convolution_param: {
        num_output: ch,
        bias_term: false,
        kernel_h: kh!,
        kernel_w: kw!,
        stride_h: spec[0]!.step,
        stride_w: spec[1]!.step,
        group: ch,
      },
    },
    blobs: [blob([ch, 1, kh!, kw!], w)],
  });
}

/** Channel of the depth blob holding (c, dy, dx): DCR puts the block offset first, CRD the channel. */
function depthChannel(mode: string, ch: number, r: number, c: number, dy: number, dx: number): number {
  return mode === 'CRD' ? c * r * r + dy * r + dx : (dy * r + dx) * ch + c;
}

function depthSpace(n: Node, c: WriteCtx): void {
  const r = n.int('blocksize', 0);
  const x = staticDims(n.inputs[0]);
  if (x.length !== 4 || r < 1) throw new CaffeRefusal('written for 4-D blobs with a block size');
  const toSpace = n.op === 'DepthToSpace';
  if (!toSpace && c.flavor === 'nnie') return passThrough(n, c, x, r);
  const mode = toSpace ? n.str('mode', 'DCR') : 'DCR';
  const ch = toSpace ? x[1]! / (r * r) : x[1]!;
  const deep = ch * r * r;
  // weights [deep, ch, r, r] for Deconvolution (input channels first), [deep, ch, r, r] for Convolution (output first)
  const w = new Float32Array(deep * ch * r * r);
  for (let k = 0; k < ch; k++)
    for (let dy = 0; dy < r; dy++)
      for (let dx = 0; dx < r; dx++) w[((depthChannel(mode, ch, r, k, dy, dx) * ch + k) * r + dy) * r + dx] = 1;
  c.emit({
    name: layerName(n, c),
    type: toSpace ? 'Deconvolution' : 'Convolution',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: { convolution_param: { num_output: toSpace ? ch : deep, bias_term: false, kernel_size: r, stride: r } },
    blobs: [blob([deep, ch, r, r], w)],
  });
}

/**
 * SpaceToDepth for NNIE: its PassThrough extension layer (YOLOv2's reorg), whose top channel (dy·b + dx)·C + c is
 * ONNX's (DCR) order. `num_output` (C·b²) is written as the HiSilicon layer definition carries it; block_height and
 * block_width give the block (public definition: winggan/caffe src/caffe/layers/pass_through_layer.cpp).
 */
function passThrough(n: Node, c: WriteCtx, x: number[], r: number): void {
  if (x[2]! % r !== 0 || x[3]! % r !== 0) throw new CaffeRefusal(`H×W ${x[2]}×${x[3]} is not a multiple of ${r}`);
  c.emit({
    name: layerName(n, c),
    type: 'PassThrough',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: { pass_through_param: { num_output: x[1]! * r * r, block_height: r, block_width: r } },
  });
}

export const depthSpaceFamily: LayerFamily = { ops: ['DepthToSpace', 'SpaceToDepth'], write: depthSpace };

/**
 * Zero Pad of the channel axis → 1×1 Convolution whose weights copy channel c to c + begin; zero Pad of
 * H/W → depthwise 1×1 Convolution with weight 1 and Caffe's symmetric pad, cropped where ONNX's is not.
 */
function pad(n: Node, c: WriteCtx): void {
  const x = staticDims(n.inputs[0]);
  const pads = n.inputs[1] ? constInts(n.inputs[1]) : (n.ints('pads') ?? null);
  const value = n.inputs[2] ? constF32(n.inputs[2])?.[0] : n.float('value', 0);
  if (!pads || n.str('mode', 'constant') !== 'constant' || value !== 0 || x.length !== 4 || n.inputs[3])
    throw new CaffeRefusal('only a constant zero Pad of a 4-D blob (given pads) is written');
  const r = x.length;
  const at = (axis: number): [number, number] => [pads[axis]!, pads[axis + r]!];
  if (pads.some((p: number) => p < 0)) throw new CaffeRefusal('negative pads (cropping)');
  const channel = at(1),
    spatial = [at(2), at(3)];
  if (at(0).some(Boolean)) throw new CaffeRefusal('pads the batch axis');
  const channelPadded = channel.some(Boolean),
    spatialPadded = spatial.flat().some(Boolean);
  if (channelPadded && spatialPadded) throw new CaffeRefusal('pads channels and H/W at once');
  const ch = x[1]!;
  if (channelPadded) {
    const out = ch + channel[0] + channel[1];
    const w = new Float32Array(out * ch);
    for (let k = 0; k < ch; k++) w[(k + channel[0]) * ch + k] = 1;
    return c.emit({
      name: layerName(n, c),
      type: 'Convolution',
      bottoms: [c.top(n.inputs[0])],
      tops: [outTop(n)],
      params: { convolution_param: { num_output: out, bias_term: false, kernel_size: 1 } },
      blobs: [blob([out, ch, 1, 1], w)],
    });
  }
  const plans = spatial.map(([b, e], i) => ({
    pad: Math.max(b, e),
    lead: Math.max(b, e) - b,
    caffeOut: x[2 + i]! + 2 * Math.max(b, e),
  }));
  const outs = spatial.map(([b, e], i) => x[2 + i]! + b + e);
  const name = layerName(n, c);
  const crop = needsCrop(plans, outs);
  const top = crop ? c.fresh(`${name}_full`) : outTop(n);
  c.emit({
    name,
    type: 'Convolution',
    bottoms: [c.top(n.inputs[0])],
    tops: [top],
    params: {
      convolution_param: {
        num_output: ch,
        bias_term: false,
        ...pairParams(
          'pad',
          plans.map((p) => p.pad),
        ),
        kernel_size: 1,
        group: ch,
      },
    },
    blobs: [blob([ch, 1, 1, 1], new Float32Array(ch).fill(1))],
  });
  if (crop) cropSpatial(c, name, top, plans, outs, outTop(n));
}

export const padFamily: LayerFamily = { ops: ['Pad'], write: pad };
