/** Conformance cases for BVLC layers, each checked against OpenCV dnn running the same net. */
import type { ConformanceCase } from './conformance-harness.js';

const X = { x: [1, 3, 6, 7] };
const positive = (n: number, seed: number): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => 0.5 + ((i * 7 + seed) % 11) / 10);

export const layer = (name: string, type: string, bottoms: string[], body = '', tops = [name]): string =>
  `layer { name: "${name}" type: "${type}" ${bottoms.map((b) => `bottom: "${b}"`).join(' ')} ${tops
    .map((t) => `top: "${t}"`)
    .join(' ')} ${body} }`;

export const BVLC_CASES: ConformanceCase[] = [
  {
    name: 'convolution',
    covers: ['Convolution'],
    net: layer('conv', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 pad: 1 }'),
    inputs: X,
    blobs: { conv: [[4, 3, 3, 3], [4]] },
    outputs: ['conv'],
  },
  {
    name: 'convolution-dilation-group-stride',
    covers: ['Convolution'],
    net: layer(
      'conv',
      'Convolution',
      ['x'],
      'convolution_param { num_output: 4 kernel_h: 3 kernel_w: 2 stride: 2 pad_h: 2 pad_w: 1 dilation: 2 group: 2 }',
    ),
    inputs: { x: [1, 4, 9, 8] },
    blobs: { conv: [[4, 2, 3, 2], [4]] },
    outputs: ['conv'],
  },
  {
    name: 'convolution-no-bias',
    covers: ['Convolution'],
    net: layer(
      'conv',
      'Convolution',
      ['x'],
      'convolution_param { num_output: 2 kernel_size: 2 stride: 3 bias_term: false }',
    ),
    inputs: X,
    blobs: { conv: [[2, 3, 2, 2]] },
    outputs: ['conv'],
  },
  {
    name: 'deconvolution',
    covers: ['Deconvolution'],
    net: layer('deconv', 'Deconvolution', ['x'], 'convolution_param { num_output: 2 kernel_size: 4 stride: 2 pad: 1 }'),
    inputs: X,
    blobs: { deconv: [[3, 2, 4, 4], [2]] },
    outputs: ['deconv'],
  },
  {
    name: 'deconvolution-group',
    covers: ['Deconvolution'],
    net: layer(
      'deconv',
      'Deconvolution',
      ['x'],
      'convolution_param { num_output: 4 kernel_size: 3 stride: 2 group: 2 bias_term: false }',
    ),
    inputs: { x: [1, 2, 4, 5] },
    blobs: { deconv: [[2, 2, 3, 3]] },
    outputs: ['deconv'],
  },
  {
    name: 'pooling-max-ceil',
    covers: ['Pooling'],
    net: layer('pool', 'Pooling', ['x'], 'pooling_param { pool: MAX kernel_size: 3 stride: 2 }'),
    inputs: X,
    outputs: ['pool'],
  },
  {
    name: 'pooling-max-pad',
    covers: ['Pooling'],
    net: layer('pool', 'Pooling', ['x'], 'pooling_param { pool: MAX kernel_size: 3 stride: 2 pad: 1 }'),
    inputs: X,
    outputs: ['pool'],
  },
  {
    name: 'pooling-ave-pad (divisor clipped to the padded input)',
    covers: ['Pooling'],
    net: layer('pool', 'Pooling', ['x'], 'pooling_param { pool: AVE kernel_size: 3 stride: 2 pad: 1 }'),
    inputs: { x: [1, 2, 8, 9] },
    outputs: ['pool'],
  },
  {
    name: 'pooling-ave-ceil',
    covers: ['Pooling'],
    net: layer('pool', 'Pooling', ['x'], 'pooling_param { pool: AVE kernel_h: 2 kernel_w: 3 stride_h: 2 stride_w: 2 }'),
    inputs: X,
    outputs: ['pool'],
  },
  {
    name: 'pooling-global',
    covers: ['Pooling'],
    net: `${layer('gmax', 'Pooling', ['x'], 'pooling_param { pool: MAX global_pooling: true }')}
${layer('gave', 'Pooling', ['x'], 'pooling_param { pool: AVE global_pooling: true }')}`,
    inputs: X,
    outputs: ['gmax', 'gave'],
  },
  {
    name: 'pooling-ceil_mode-false (fork field)',
    covers: ['Pooling'],
    net: layer(
      'pool',
      'Pooling',
      ['x'],
      'pooling_param { pool: MAX kernel_size: 3 stride: 2 pad: 1 ceil_mode: false }',
    ),
    inputs: { x: [1, 2, 8, 8] },
    outputs: ['pool'],
  },
  {
    name: 'inner-product',
    covers: ['InnerProduct'],
    net: layer('ip', 'InnerProduct', ['x'], 'inner_product_param { num_output: 5 }'),
    inputs: X,
    blobs: { ip: [[5, 126], [5]] },
    outputs: ['ip'],
  },

  {
    name: 'relu-leaky-prelu',
    covers: ['ReLU', 'PReLU'],
    net: `${layer('relu', 'ReLU', ['x'])}
${layer('leaky', 'ReLU', ['x'], 'relu_param { negative_slope: 0.1 }')}
${layer('prelu', 'PReLU', ['x'])}
${layer('prelu_shared', 'PReLU', ['x'], 'prelu_param { channel_shared: true }')}`,
    inputs: X,
    blobs: { prelu: [[3]], prelu_shared: [[1]] },
    outputs: ['relu', 'leaky', 'prelu', 'prelu_shared'],
  },
  {
    name: 'unary-activations',
    covers: ['Sigmoid', 'TanH', 'AbsVal', 'ELU', 'BNLL'],
    net:
      ['Sigmoid', 'TanH', 'AbsVal', 'BNLL'].map((t) => layer(t.toLowerCase(), t, ['x'])).join('\n') +
      '\n' +
      layer('elu', 'ELU', ['x'], 'elu_param { alpha: 0.7 }'),
    inputs: X,
    range: [-3, 3],
    outputs: ['sigmoid', 'tanh', 'absval', 'bnll', 'elu'],
  },
  {
    name: 'power-exp',
    covers: ['Power', 'Exp'],
    net: `${layer('power', 'Power', ['x'], 'power_param { power: 2 scale: 0.5 shift: 1 }')}
${layer('exp', 'Exp', ['x'], 'exp_param { base: 2 scale: 0.5 shift: 0.1 }')}`,
    inputs: X,
    range: [0.1, 2],
    outputs: ['power', 'exp'],
  },
  {
    name: 'batch-norm-scale-bias',
    covers: ['BatchNorm', 'Scale'],
    net: `${layer('bn', 'BatchNorm', ['x'], 'batch_norm_param { use_global_stats: true eps: 0.001 }')}
${layer('scale', 'Scale', ['bn'], 'scale_param { bias_term: true }')}`,
    inputs: X,
    blobs: { bn: [[3], [3], [1]], scale: [[3], [3]] },
    blobFill: { bn: { 1: positive, 2: () => Float32Array.of(2) } },
    outputs: ['bn', 'scale'],
  },
  {
    name: 'scale-two-bottoms',
    covers: ['Scale'],
    net: layer('scale', 'Scale', ['x', 's'], 'scale_param { axis: 0 }'),
    inputs: { x: [2, 3, 4, 5], s: [2, 3] },
    outputs: ['scale'],
  },

  {
    name: 'mvn',
    covers: ['MVN'],
    net: `${layer('mvn', 'MVN', ['x'])}
${layer('mvn_across', 'MVN', ['x'], 'mvn_param { across_channels: true }')}
${layer('mvn_mean', 'MVN', ['x'], 'mvn_param { normalize_variance: false }')}`,
    inputs: X,
    outputs: ['mvn', 'mvn_across', 'mvn_mean'],
  },
  {
    name: 'eltwise',
    covers: ['Eltwise'],
    net: `${layer('sum', 'Eltwise', ['x', 'y'], 'eltwise_param { operation: SUM coeff: 0.5 coeff: -2 }')}
${layer('prod', 'Eltwise', ['x', 'y'], 'eltwise_param { operation: PROD }')}
${layer('max', 'Eltwise', ['x', 'y'], 'eltwise_param { operation: MAX }')}`,
    inputs: { x: [1, 3, 6, 7], y: [1, 3, 6, 7] },
    outputs: ['sum', 'prod', 'max'],
  },
  {
    name: 'concat-slice',
    covers: ['Concat', 'Slice'],
    net: `${layer('concat', 'Concat', ['x', 'y'], 'concat_param { axis: 1 }')}
${layer('slice', 'Slice', ['concat'], 'slice_param { axis: 1 slice_point: 1 slice_point: 4 }', ['s1', 's2', 's3'])}
${layer('a1', 'AbsVal', ['s1'])}
${layer('a2', 'AbsVal', ['s2'])}
${layer('a3', 'AbsVal', ['s3'])}`,
    inputs: { x: [1, 3, 6, 7], y: [1, 2, 6, 7] },
    outputs: ['concat', 'a1', 'a2', 'a3'],
  },
  {
    name: 'flatten-reshape-permute',
    covers: ['Flatten', 'Reshape', 'Permute'],
    net: `${layer('flatten', 'Flatten', ['x'])}
${layer('reshape', 'Reshape', ['x'], 'reshape_param { shape { dim: 0 dim: -1 dim: 14 } }')}
${layer('reshape_axis', 'Reshape', ['x'], 'reshape_param { shape { dim: 6 dim: 7 } axis: 1 num_axes: 1 }')}
${layer('permute', 'Permute', ['x'], 'permute_param { order: 0 order: 2 order: 3 order: 1 }')}`,
    inputs: { x: [1, 42, 2, 3] },
    outputs: ['flatten', 'reshape', 'reshape_axis', 'permute'],
  },
  {
    name: 'crop',
    covers: ['Crop'],
    net: layer('crop', 'Crop', ['x', 'y'], 'crop_param { axis: 2 offset: 1 offset: 2 }'),
    inputs: { x: [1, 3, 6, 7], y: [1, 3, 4, 4] },
    outputs: ['crop'],
  },
  {
    name: 'softmax',
    covers: ['Softmax'],
    net: `${layer('softmax', 'Softmax', ['x'])}
${layer('softmax_w', 'Softmax', ['x'], 'softmax_param { axis: 3 }')}`,
    inputs: X,
    range: [-4, 4],
    outputs: ['softmax', 'softmax_w'],
  },
  {
    name: 'split-dropout',
    covers: ['Split', 'Dropout'],
    net: `${layer('split', 'Split', ['x'], '', ['x1', 'x2'])}
${layer('drop', 'Dropout', ['x1'], 'dropout_param { dropout_ratio: 0.3 }')}
${layer('sum', 'Eltwise', ['drop', 'x2'])}`,
    inputs: X,
    outputs: ['sum'],
  },
  {
    name: 'normalize-permute-flatten (SSD)',
    covers: ['Normalize', 'Permute', 'Flatten'],
    net: `${layer('norm', 'Normalize', ['x'], 'norm_param { across_spatial: false channel_shared: false eps: 1e-10 }')}
${layer('norm_all', 'Normalize', ['x'], 'norm_param { across_spatial: true channel_shared: true }')}
${layer('perm', 'Permute', ['norm'], 'permute_param { order: 0 order: 2 order: 3 order: 1 }')}
${layer('flat', 'Flatten', ['perm'], 'flatten_param { axis: 1 }')}`,
    inputs: X,
    blobs: { norm: [[3]], norm_all: [[1]] },
    outputs: ['flat', 'norm_all'],
  },
  {
    name: 'relu6 (fork)',
    covers: ['ReLU6'],
    net: layer('relu6', 'ReLU6', ['x']),
    inputs: X,
    range: [-8, 8],
    outputs: ['relu6'],
  },
];
