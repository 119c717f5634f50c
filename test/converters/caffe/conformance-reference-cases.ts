/**
 * Conformance cases for BVLC layers that OpenCV dnn lacks or reads differently (InnerProduct transpose, Log's
 * scale/shift, LRN): the reference is test/helpers/caffe-reference.ts, written from Caffe's layer sources.
 */
import * as ref from '../../helpers/caffe-reference.js';
import type { ConformanceCase } from './conformance-harness.js';
import { layer } from './conformance-cases.js';

const X = { x: [1, 3, 6, 7] };

export const REFERENCE_CASES: ConformanceCase[] = [
  {
    name: 'inner-product-transpose',
    covers: ['InnerProduct'],
    net: layer('ip', 'InnerProduct', ['x'], 'inner_product_param { num_output: 4 transpose: true bias_term: false }'),
    inputs: X,
    blobs: { ip: [[126, 4]] },
    outputs: ['ip'],
    reference: (i, b) => ({ ip: ref.innerProduct(i.x!, b.ip![0]!.data, null, 4, true) }),
  },
  {
    name: 'log (base, scale, shift)',
    covers: ['Log'],
    net: `${layer('log', 'Log', ['x'], 'log_param { scale: 2 shift: 0.5 }')}
${layer('log2', 'Log', ['x'], 'log_param { base: 2 scale: 0.5 shift: 0.1 }')}`,
    inputs: X,
    range: [0.1, 2],
    outputs: ['log', 'log2'],
    reference: (i) => ({ log: ref.log(i.x!, -1, 2, 0.5), log2: ref.log(i.x!, 2, 0.5, 0.1) }),
  },
  {
    name: 'lrn across and within channels',
    covers: ['LRN'],
    net: `${layer('across', 'LRN', ['x'], 'lrn_param { local_size: 3 alpha: 0.5 beta: 0.75 k: 2 }')}
${layer('within', 'LRN', ['x'], 'lrn_param { local_size: 3 alpha: 0.5 beta: 0.75 norm_region: WITHIN_CHANNEL }')}`,
    inputs: { x: [1, 5, 6, 7] },
    outputs: ['across', 'within'],
    reference: (i) => ({ across: ref.lrnAcross(i.x!, 3, 0.5, 0.75, 2), within: ref.lrnWithin(i.x!, 3, 0.5, 0.75) }),
  },
  {
    name: 'pooling-stochastic at inference',
    covers: ['Pooling'],
    net: layer('pool', 'Pooling', ['x'], 'pooling_param { pool: STOCHASTIC kernel_size: 2 stride: 2 }'),
    inputs: X,
    range: [0.1, 2],
    outputs: ['pool'],
    reference: (i) => ({ pool: ref.stochasticPoolTest(i.x!, { k: [2, 2], s: [2, 2], p: [0, 0], ceil: true }) }),
  },
  {
    name: 'pooling round_mode FLOOR with AVE padding',
    covers: ['Pooling'],
    net: layer(
      'pool',
      'Pooling',
      ['x'],
      'pooling_param { pool: AVE kernel_size: 3 stride: 2 pad: 1 round_mode: FLOOR }',
    ),
    inputs: X,
    outputs: ['pool'],
    reference: (i) => ({ pool: ref.avePool(i.x!, { k: [3, 3], s: [2, 2], p: [1, 1], ceil: false }) }),
  },
  {
    name: 'threshold, clip, swish',
    covers: ['Threshold', 'Clip', 'Swish'],
    net: `${layer('th', 'Threshold', ['x'], 'threshold_param { threshold: 0.2 }')}
${layer('clip', 'Clip', ['x'], 'clip_param { min: -0.3 max: 0.6 }')}
${layer('swish', 'Swish', ['x'], 'swish_param { beta: 1.5 }')}`,
    inputs: X,
    outputs: ['th', 'clip', 'swish'],
    reference: (i) => ({ th: ref.threshold(i.x!, 0.2), clip: ref.clip(i.x!, -0.3, 0.6), swish: ref.swish(i.x!, 1.5) }),
  },
  {
    name: 'tile',
    covers: ['Tile'],
    net: layer('tile', 'Tile', ['x'], 'tile_param { axis: 2 tiles: 3 }'),
    inputs: X,
    outputs: ['tile'],
    reference: (i) => ({ tile: ref.tile(i.x!, 2, 3) }),
  },
  {
    name: 'embed',
    covers: ['Embed'],
    net: layer('embed', 'Embed', ['ids'], 'embed_param { num_output: 4 input_dim: 10 }'),
    inputs: { ids: [2, 3] },
    integerInputs: { ids: 10 },
    blobs: { embed: [[10, 4], [4]] },
    outputs: ['embed'],
    reference: (i, b) => ({ embed: ref.embed(i.ids!, b.embed![0]!.data, b.embed![1]!.data, 4) }),
  },
  {
    name: 'im2col',
    covers: ['Im2col'],
    net: layer('cols', 'Im2col', ['x'], 'convolution_param { kernel_size: 3 stride: 2 pad: 1 dilation: 1 }'),
    inputs: X,
    outputs: ['cols'],
    reference: (i) => ({ cols: ref.im2col(i.x!, [3, 3], [2, 2], [1, 1], [1, 1]) }),
  },
  {
    name: 'reduction',
    covers: ['Reduction'],
    net: `${layer('sum', 'Reduction', ['x'], 'reduction_param { operation: SUM axis: 1 }')}
${layer('asum', 'Reduction', ['x'], 'reduction_param { operation: ASUM axis: 2 coeff: 0.5 }')}
${layer('sumsq', 'Reduction', ['x'], 'reduction_param { operation: SUMSQ axis: -1 }')}
${layer('mean', 'Reduction', ['x'], 'reduction_param { operation: MEAN }')}`,
    inputs: X,
    outputs: ['sum', 'asum', 'sumsq', 'mean'],
    reference: (i) => ({
      sum: ref.reduction(i.x!, 'SUM', 1, 1),
      asum: ref.reduction(i.x!, 'ASUM', 2, 0.5),
      sumsq: ref.reduction(i.x!, 'SUMSQ', 3, 1),
      mean: ref.reduction(i.x!, 'MEAN', 0, 1),
    }),
  },
  {
    name: 'argmax along an axis (indices, top 2 values)',
    covers: ['ArgMax'],
    net: `${layer('am', 'ArgMax', ['x'], 'argmax_param { axis: 1 }')}
${layer('top2', 'ArgMax', ['x'], 'argmax_param { axis: 3 top_k: 2 out_max_val: true }')}`,
    inputs: X,
    outputs: ['am', 'top2'],
    reference: (i) => ({ am: ref.argMax(i.x!, 1, 1, false), top2: ref.argMax(i.x!, 3, 2, true) }),
  },
  {
    name: 'spp (3 levels)',
    covers: ['SPP'],
    net: layer('spp', 'SPP', ['x'], 'spp_param { pyramid_height: 3 pool: MAX }'),
    inputs: { x: [1, 2, 7, 9] },
    outputs: ['spp'],
    reference: (i) => ({ spp: ref.spp(i.x!, 3, 'MAX') }),
  },
  {
    name: 'batch-reindex, parameter, bias, silence',
    covers: ['BatchReindex', 'Parameter', 'Bias', 'Silence'],
    net: `${layer('reidx', 'BatchReindex', ['x', 'idx'])}
${layer('param', 'Parameter', [], 'parameter_param { shape { dim: 3 dim: 6 dim: 7 } }')}
${layer('bias', 'Bias', ['reidx', 'param'], 'bias_param { axis: 1 }')}
${layer('silence', 'Silence', ['x'], '', [])}`,
    inputs: { x: [3, 3, 6, 7], idx: [4] },
    integerInputs: { idx: 3 },
    blobs: { param: [[3, 6, 7]] },
    outputs: ['bias'],
    reference: (i, b) => {
      const r = ref.batchReindex(i.x!, i.idx!);
      const per = 3 * 6 * 7;
      return { bias: { dims: r.dims, data: r.data.map((v, k) => v + b.param![0]!.data[k % per]!) } };
    },
  },
];
