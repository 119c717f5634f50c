/** Conformance cases: convolutions, pooling, resize, fully connected, softmax (float32 and int8). */
import type { ConformanceCase } from '../../../helpers/tflite-conformance.js';
import { singleOpModel as one } from '../../../helpers/tflite-builder.js';
import { f32, i32, q8, q8PerAxis, values, ints } from './tensors.js';

const conv = (pad: string, stride: number, dil: number, act: string): ConformanceCase => ({
  builtin: 'CONV_2D',
  name: `float ${pad} s${stride} d${dil} ${act}`,
  model: one({
    op: 'CONV_2D',
    inputs: [f32([1, 7, 6, 4]), f32([8, 3, 3, 4], values(288)), f32([8], values(8))],
    outputs: [
      f32([
        1,
        pad === 'SAME' ? Math.ceil(7 / stride) : Math.ceil((7 - 2 * dil) / stride),
        pad === 'SAME' ? Math.ceil(6 / stride) : Math.ceil((6 - 2 * dil) / stride),
        8,
      ]),
    ],
    options: {
      padding: pad,
      stride_h: stride,
      stride_w: stride,
      dilation_h_factor: dil,
      dilation_w_factor: dil,
      fused_activation_function: act,
    },
  }),
});

export const nnCases: ConformanceCase[] = [
  conv('SAME', 1, 1, 'NONE'),
  conv('SAME', 2, 1, 'RELU6'),
  conv('VALID', 1, 2, 'RELU'),
  conv('VALID', 2, 1, 'RELU_N1_TO_1'),
  {
    builtin: 'CONV_2D',
    name: 'int8 per-channel weights',
    model: one({
      op: 'CONV_2D',
      version: 3,
      inputs: [
        q8([1, 6, 6, 3], 1 / 128, 0),
        q8PerAxis([4, 3, 3, 3], [0.01, 0.02, 0.015, 0.005], 0, ints(108, -127, 128)),
        {
          type: 'INT32',
          shape: [4],
          data: ints(4, -500, 500),
          quant: { scale: [0.01 / 128, 0.02 / 128, 0.015 / 128, 0.005 / 128], zeroPoint: [0, 0, 0, 0] },
        },
      ],
      outputs: [q8([1, 6, 6, 4], 0.05, -3)],
      options: { padding: 'SAME', stride_h: 1, stride_w: 1 },
    }),
  },
  {
    builtin: 'DEPTHWISE_CONV_2D',
    name: 'float multiplier 2, SAME, stride 2',
    model: one({
      op: 'DEPTHWISE_CONV_2D',
      inputs: [f32([1, 7, 7, 3]), f32([1, 3, 3, 6], values(54)), f32([6], values(6))],
      outputs: [f32([1, 4, 4, 6])],
      options: { padding: 'SAME', stride_h: 2, stride_w: 2, depth_multiplier: 2 },
    }),
  },
  {
    builtin: 'DEPTHWISE_CONV_2D',
    name: 'int8 per-channel',
    model: one({
      op: 'DEPTHWISE_CONV_2D',
      version: 3,
      inputs: [
        q8([1, 5, 5, 4], 1 / 128, 0),
        q8PerAxis([1, 3, 3, 4], [0.02, 0.01, 0.03, 0.015], 3, ints(36, -127, 128)),
        {
          type: 'INT32',
          shape: [4],
          data: ints(4, -100, 100),
          quant: { scale: [0.02 / 128, 0.01 / 128, 0.03 / 128, 0.015 / 128], zeroPoint: [0, 0, 0, 0] },
        },
      ],
      outputs: [q8([1, 3, 3, 4], 0.03, 2)],
      options: { padding: 'VALID', stride_h: 1, stride_w: 1, depth_multiplier: 1 },
    }),
  },
  {
    builtin: 'TRANSPOSE_CONV',
    name: 'float SAME stride 2 with bias',
    model: one({
      op: 'TRANSPOSE_CONV',
      version: 3,
      inputs: [i32([4], [1, 8, 8, 5]), f32([5, 3, 3, 4], values(180)), f32([1, 4, 4, 4]), f32([5], values(5))],
      outputs: [f32([1, 8, 8, 5])],
      options: { padding: 'SAME', stride_h: 2, stride_w: 2 },
    }),
  },
  {
    builtin: 'MAX_POOL_2D',
    name: 'float SAME 3x3 s2',
    model: one({
      op: 'MAX_POOL_2D',
      inputs: [f32([1, 7, 8, 3])],
      outputs: [f32([1, 4, 4, 3])],
      options: { padding: 'SAME', stride_h: 2, stride_w: 2, filter_height: 3, filter_width: 3 },
    }),
  },
  {
    builtin: 'MAX_POOL_2D',
    name: 'int8 VALID 2x2',
    model: one({
      op: 'MAX_POOL_2D',
      version: 2,
      inputs: [q8([1, 6, 6, 2], 1 / 64, 1)],
      outputs: [q8([1, 3, 3, 2], 1 / 64, 1)],
      options: { padding: 'VALID', stride_h: 2, stride_w: 2, filter_height: 2, filter_width: 2 },
    }),
  },
  {
    builtin: 'AVERAGE_POOL_2D',
    name: 'float SAME 3x3 s2 (edge windows average the valid pixels)',
    model: one({
      op: 'AVERAGE_POOL_2D',
      inputs: [f32([1, 7, 8, 3])],
      outputs: [f32([1, 4, 4, 3])],
      options: {
        padding: 'SAME',
        stride_h: 2,
        stride_w: 2,
        filter_height: 3,
        filter_width: 3,
        fused_activation_function: 'RELU',
      },
    }),
  },
  {
    builtin: 'AVERAGE_POOL_2D',
    name: 'int8 VALID 2x2',
    model: one({
      op: 'AVERAGE_POOL_2D',
      version: 2,
      inputs: [q8([1, 6, 6, 2], 1 / 64, 1)],
      outputs: [q8([1, 3, 3, 2], 1 / 64, 1)],
      options: { padding: 'VALID', stride_h: 2, stride_w: 2, filter_height: 2, filter_width: 2 },
    }),
  },
  ...[
    [false, false],
    [true, false],
    [false, true],
  ].flatMap(([align, half]) => [
    {
      builtin: 'RESIZE_BILINEAR',
      name: `float align_corners=${align} half_pixel=${half}`,
      model: one({
        op: 'RESIZE_BILINEAR',
        version: half ? 3 : 1,
        inputs: [f32([1, 4, 5, 2]), i32([2], [7, 9])],
        outputs: [f32([1, 7, 9, 2])],
        options: { align_corners: align!, half_pixel_centers: half! },
      }),
    },
    {
      builtin: 'RESIZE_NEAREST_NEIGHBOR',
      name: `float align_corners=${align} half_pixel=${half}`,
      model: one({
        op: 'RESIZE_NEAREST_NEIGHBOR',
        version: half ? 3 : 1,
        inputs: [f32([1, 4, 5, 2]), i32([2], [7, 9])],
        outputs: [f32([1, 7, 9, 2])],
        options: { align_corners: align!, half_pixel_centers: half! },
      }),
    },
  ]),
  {
    builtin: 'RESIZE_BILINEAR',
    name: 'int8 half_pixel',
    model: one({
      op: 'RESIZE_BILINEAR',
      version: 3,
      inputs: [q8([1, 3, 3, 2], 1 / 128, 0), i32([2], [6, 6])],
      outputs: [q8([1, 6, 6, 2], 1 / 128, 0)],
      options: { half_pixel_centers: true },
    }),
  },
  {
    builtin: 'FULLY_CONNECTED',
    name: 'float 2-D with bias, RELU',
    model: one({
      op: 'FULLY_CONNECTED',
      inputs: [f32([3, 10]), f32([6, 10], values(60)), f32([6], values(6))],
      outputs: [f32([3, 6])],
      options: { fused_activation_function: 'RELU' },
    }),
  },
  {
    builtin: 'FULLY_CONNECTED',
    name: 'float 3-D keep_num_dims, no bias',
    model: one({
      op: 'FULLY_CONNECTED',
      version: 5,
      inputs: [f32([2, 3, 10]), f32([6, 10], values(60))],
      outputs: [f32([2, 3, 6])],
      options: { keep_num_dims: true },
    }),
  },
  {
    builtin: 'FULLY_CONNECTED',
    name: 'int8',
    model: one({
      op: 'FULLY_CONNECTED',
      version: 4,
      inputs: [
        q8([2, 8], 1 / 128, 0),
        q8([4, 8], 0.01, 0, ints(32, -127, 128)),
        { type: 'INT32', shape: [4], data: ints(4, -300, 300), quant: { scale: [0.01 / 128], zeroPoint: [0] } },
      ],
      outputs: [q8([2, 4], 0.02, 0)],
    }),
  },
  {
    builtin: 'SOFTMAX',
    name: 'float beta 0.5',
    model: one({ op: 'SOFTMAX', inputs: [f32([2, 3, 7])], outputs: [f32([2, 3, 7])], options: { beta: 0.5 } }),
    fills: [{ range: [-4, 4] }],
  },
  {
    builtin: 'SOFTMAX',
    name: 'int8',
    model: one({
      op: 'SOFTMAX',
      version: 2,
      inputs: [q8([2, 10], 1 / 16, 0)],
      outputs: [q8([2, 10], 1 / 256, -128)],
      options: { beta: 1 },
    }),
    fills: [{ range: [-4, 4] }],
  },
];
