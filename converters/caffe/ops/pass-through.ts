/**
 * PassThrough. The HiSilicon NNIE extension layer (`pass_through_param { block_height block_width }`) stacks each
 * block into channels with the block offset outermost: top channel (dy·bw + dx)·C + c holds bottom (c, y·bh + dy,
 * x·bw + dx) — ONNX SpaceToDepth (public definition: winggan/caffe src/caffe/layers/pass_through_layer.cpp and
 * reorganize_layer.cpp; Huawei's operator list calls PassThrough with reverse = false SpaceToDepth). The YOLOv2
 * ports' PassThrough/Reorg with `reorg_param` order channels differently between ports and stay foreign.
 */
import { attr } from '../../../src/ir/attr.js';
import { foreign } from './foreign.js';
import { param } from './params.js';
import type { CaffeLayerOp, LayerShapeFn } from './types.js';

/** Block size of the NNIE form, or null when the layer is a port's (reorg_param) or its block is not square. */
function nnieBlock(c: Parameters<CaffeLayerOp['import']>[0]): number | null {
  const p = c.p.msg('pass_through_param');
  if (!p) return null;
  const h = p.num('block_height'),
    w = p.num('block_width');
  return h !== undefined && h === w && h > 0 ? h : null;
}

/** Top [N, C·bh·bw, H/bh, W/bw]; the ports' stride from reorg_param. */
const shape: LayerShapeFn = (c, [x]) => {
  const p = param(c, 'pass_through_param');
  const s = param(c, 'reorg_param').num('stride') ?? 2;
  const [bh, bw] = [p.num('block_height') ?? s, p.num('block_width') ?? s];
  return [x && x.length === 4 ? [x[0]!, x[1]! * bh * bw, Math.floor(x[2]! / bh), Math.floor(x[3]! / bw)] : null];
};

export const PASS_THROUGH_OPS: CaffeLayerOp[] = [
  {
    types: ['PassThrough'],
    import(c) {
      const b = nnieBlock(c);
      if (b === null) return foreign(c);
      return c.node('SpaceToDepth', [c.inputs[0]!], new Map([['blocksize', attr.int(b)]]));
    },
    shape,
  },
];
