/**
 * Conformance cases for fork layers: against OpenCV dnn running an equivalent net of BVLC layers (depthwise
 * convolution as a grouped Convolution, the BN fork as Scale with bias), or against test/helpers/caffe-reference.ts
 * written from the fork's source (SegNet/ENet pooling mask + Upsample, YOLO Upsample, SENet Axpy, ShuffleNet
 * ShuffleChannel, PSPNet Interp).
 */
import * as ref from '../../helpers/caffe-reference.js';
import type { Blobs, ConformanceCase } from './conformance-harness.js';
import { layer } from './conformance-cases.js';

const flatBlobs =
  (layerName: string) =>
  (b: Blobs): Blobs => ({
    [layerName]: b[layerName]!.map((x) => ({ dims: [x.data.length], data: x.data })),
  });

export const FORK_CASES: ConformanceCase[] = [
  {
    name: 'convolution-depthwise (MobileNet forks) vs a grouped Convolution in OpenCV',
    covers: ['ConvolutionDepthwise', 'DepthwiseConvolution'],
    net: `${layer('dw', 'ConvolutionDepthwise', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 stride: 2 pad: 1 }')}
${layer('dw2', 'DepthwiseConvolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 bias_term: false }')}`,
    opencvNet: `${layer('dw', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 stride: 2 pad: 1 group: 4 }')}
${layer('dw2', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 group: 4 bias_term: false }')}`,
    inputs: { x: [1, 4, 7, 8] },
    blobs: { dw: [[4, 1, 3, 3], [4]], dw2: [[4, 1, 3, 3]] },
    outputs: ['dw', 'dw2'],
  },
  {
    name: 'BN fork (bn_param, scale and shift) vs Scale with bias in OpenCV',
    covers: ['BN'],
    net: layer('bn', 'BN', ['x'], 'bn_param { bn_mode: INFERENCE }'),
    opencvNet: layer('bn', 'Scale', ['x'], 'scale_param { bias_term: true }'),
    opencvBlobs: flatBlobs('bn'),
    inputs: { x: [1, 3, 6, 7] },
    blobs: {
      bn: [
        [1, 3, 1, 1],
        [1, 3, 1, 1],
      ],
    },
    outputs: ['bn'],
  },
  {
    name: 'pooling with two tops + Upsample with the mask (SegNet/ENet)',
    covers: ['Pooling', 'Upsample'],
    net: `${layer('pool', 'Pooling', ['x'], 'pooling_param { pool: MAX kernel_size: 2 stride: 2 }', ['pool', 'mask'])}
${layer('up', 'Upsample', ['pool', 'mask'], 'upsample_param { scale: 2 }')}
${layer('up_odd', 'Upsample', ['pool', 'mask'], 'upsample_param { scale: 2 upsample_h: 7 upsample_w: 9 }')}`,
    inputs: { x: [1, 3, 7, 9] },
    outputs: ['pool', 'up', 'up_odd'],
    reference: (i) => {
      const { y, mask } = ref.maxPool(i.x!, { k: [2, 2], s: [2, 2], p: [0, 0], ceil: true });
      return { pool: y, up: ref.upsampleMask(y, mask, 8, 10), up_odd: ref.upsampleMask(y, mask, 7, 9) };
    },
  },
  {
    name: 'Upsample by scale (YOLO ports)',
    covers: ['Upsample'],
    net: layer('up', 'Upsample', ['x'], 'upsample_param { scale: 2 }'),
    inputs: { x: [1, 3, 4, 5] },
    outputs: ['up'],
    reference: (i) => ({ up: ref.upsampleNearest(i.x!, 2) }),
  },
  {
    name: 'Axpy (SENet)',
    covers: ['Axpy'],
    net: `${layer('gap', 'Pooling', ['x'], 'pooling_param { pool: AVE global_pooling: true }')}
${layer('sig', 'Sigmoid', ['gap'])}
${layer('axpy', 'Axpy', ['sig', 'x', 'y'])}`,
    inputs: { x: [1, 3, 6, 7], y: [1, 3, 6, 7] },
    outputs: ['axpy'],
    reference: (i) => {
      const plane = 42;
      const a = Float32Array.from({ length: 3 }, (_, c) => {
        let s = 0;
        for (let k = 0; k < plane; k++) s += i.x!.data[c * plane + k]!;
        return 1 / (1 + Math.exp(-s / plane));
      });
      return { axpy: ref.axpy({ dims: [1, 3, 1, 1], data: a }, i.x!, i.y!) };
    },
  },
  {
    name: 'ShuffleChannel (ShuffleNet)',
    covers: ['ShuffleChannel'],
    net: layer('shuffle', 'ShuffleChannel', ['x'], 'shuffle_channel_param { group: 3 }'),
    inputs: { x: [1, 6, 3, 4] },
    outputs: ['shuffle'],
    reference: (i) => ({ shuffle: ref.shuffleChannel(i.x!, 3) }),
  },
  {
    name: 'Interp zoom, shrink and size (PSPNet)',
    covers: ['Interp'],
    net: `${layer('zoom', 'Interp', ['x'], 'interp_param { zoom_factor: 2 }')}
${layer('shrink', 'Interp', ['x'], 'interp_param { shrink_factor: 2 }')}
${layer('size', 'Interp', ['x'], 'interp_param { height: 9 width: 5 }')}`,
    inputs: { x: [1, 3, 6, 7] },
    outputs: ['zoom', 'shrink', 'size'],
    reference: (i) => ({
      zoom: ref.interp(i.x!, 11, 13),
      shrink: ref.interp(i.x!, 3, 4),
      size: ref.interp(i.x!, 9, 5),
    }),
  },
  {
    name: 'PassThrough (the NNIE extension layer, block 2 and 3) vs an independent space-to-depth',
    covers: ['PassThrough'],
    net: `${layer('pt2', 'PassThrough', ['x'], 'pass_through_param { num_output: 16 block_height: 2 block_width: 2 }')}
${layer('pt3', 'PassThrough', ['x'], 'pass_through_param { block_height: 3 block_width: 3 }')}`,
    inputs: { x: [1, 4, 6, 12] },
    outputs: ['pt2', 'pt3'],
    reference: (i) => ({ pt2: ref.passThrough(i.x!, 2), pt3: ref.passThrough(i.x!, 3) }),
  },
  {
    name: 'Dropout with the fork field scale_train: false',
    covers: ['Dropout'],
    net: layer('drop', 'Dropout', ['x'], 'dropout_param { dropout_ratio: 0.25 scale_train: false }'),
    inputs: { x: [1, 3, 6, 7] },
    outputs: ['drop'],
    reference: (i) => ({ drop: { dims: i.x!.dims, data: i.x!.data.map((v) => v * 0.75) } }),
  },
];
