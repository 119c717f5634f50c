/**
 * Conformance of BATCH_MATMUL, LOG_SOFTMAX, L2_NORMALIZATION, LOCAL_RESPONSE_NORMALIZATION, L2_POOL_2D,
 * CONV_3D, CONV_3D_TRANSPOSE, CUMSUM, TOPK_V2 and EMBEDDING_LOOKUP: LiteRT.js against import → onnxruntime.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runConformance, type InputFill } from '../../../helpers/tflite-conformance.js';
import { singleOpModel, type TflOptionValue, type TflTensorSpec } from '../../../helpers/tflite-builder.js';

const f32 = (shape: number[], data?: number[]): TflTensorSpec => ({ type: 'FLOAT32', shape, data });
const i32 = (shape: number[], data?: number[]): TflTensorSpec => ({ type: 'INT32', shape, data });
const q8 = (shape: number[], scale: number, zeroPoint: number, data?: number[]): TflTensorSpec => ({
  type: 'INT8',
  shape,
  data,
  quant: { scale: [scale], zeroPoint: [zeroPoint] },
});
const wave = (n: number, k = 1) => Array.from({ length: n }, (_, i) => Math.sin(k * i + 0.5) * 0.5);

interface Case {
  name: string;
  op: string;
  inputs: TflTensorSpec[];
  outputs: TflTensorSpec[];
  options?: Record<string, TflOptionValue>;
  version?: number;
  fills?: InputFill[];
}

const CASES: Case[] = [
  { name: 'BATCH_MATMUL', op: 'BATCH_MATMUL', inputs: [f32([2, 3, 4]), f32([2, 4, 5])], outputs: [f32([2, 3, 5])] },
  {
    name: 'BATCH_MATMUL adj_x adj_y, broadcast batch',
    op: 'BATCH_MATMUL',
    inputs: [f32([2, 1, 4, 3]), f32([3, 5, 4])],
    outputs: [f32([2, 3, 3, 5])],
    options: { adj_x: true, adj_y: true },
  },
  {
    name: 'BATCH_MATMUL constant rhs adj_y',
    op: 'BATCH_MATMUL',
    inputs: [f32([1, 3, 4]), f32([5, 4], wave(20))],
    outputs: [f32([1, 3, 5])],
    options: { adj_y: true },
  },
  {
    name: 'BATCH_MATMUL int8',
    op: 'BATCH_MATMUL',
    inputs: [q8([1, 3, 4], 1 / 64, 0), q8([1, 4, 2], 1 / 64, 0)],
    outputs: [q8([1, 3, 2], 1 / 256, 0)],
    version: 2,
  },
  {
    name: 'LOG_SOFTMAX',
    op: 'LOG_SOFTMAX',
    inputs: [f32([2, 3, 7])],
    outputs: [f32([2, 3, 7])],
    fills: [{ range: [-4, 4] }],
  },
  { name: 'L2_NORMALIZATION', op: 'L2_NORMALIZATION', inputs: [f32([1, 2, 3, 6])], outputs: [f32([1, 2, 3, 6])] },
  {
    name: 'L2_NORMALIZATION of zeros (epsilon)',
    op: 'L2_NORMALIZATION',
    inputs: [f32([1, 4])],
    outputs: [f32([1, 4])],
    fills: [{ data: [0, 0, 0, 1e-8] }],
  },
  {
    name: 'LOCAL_RESPONSE_NORMALIZATION',
    op: 'LOCAL_RESPONSE_NORMALIZATION',
    inputs: [f32([1, 3, 4, 9])],
    outputs: [f32([1, 3, 4, 9])],
    options: { radius: 2, bias: 1.5, alpha: 0.3, beta: 0.75 },
    fills: [{ range: [-3, 3] }],
  },
  {
    name: 'L2_POOL_2D SAME stride 2 relu6',
    op: 'L2_POOL_2D',
    inputs: [f32([1, 5, 7, 3])],
    outputs: [f32([1, 3, 4, 3])],
    options: {
      padding: 'SAME',
      stride_h: 2,
      stride_w: 2,
      filter_height: 3,
      filter_width: 2,
      fused_activation_function: 'RELU6',
    },
    fills: [{ range: [-9, 9] }],
  },
  {
    name: 'L2_POOL_2D VALID',
    op: 'L2_POOL_2D',
    inputs: [f32([1, 4, 4, 2])],
    outputs: [f32([1, 2, 2, 2])],
    options: { padding: 'VALID', stride_h: 2, stride_w: 2, filter_height: 2, filter_width: 2 },
  },
  {
    name: 'CONV_3D SAME strides, bias, relu',
    op: 'CONV_3D',
    inputs: [f32([1, 4, 5, 6, 2]), f32([3, 2, 3, 2, 4], wave(144)), f32([4], [0.1, -0.2, 0.3, 0])],
    outputs: [f32([1, 2, 5, 3, 4])],
    options: { padding: 'SAME', stride_d: 2, stride_h: 1, stride_w: 2, fused_activation_function: 'RELU' },
  },
  {
    name: 'CONV_3D VALID dilated, no bias',
    op: 'CONV_3D',
    inputs: [f32([1, 5, 5, 5, 3]), f32([2, 2, 2, 3, 2], wave(48, 2))],
    outputs: [f32([1, 3, 3, 3, 2])],
    options: {
      padding: 'VALID',
      stride_d: 1,
      stride_h: 1,
      stride_w: 1,
      dilation_d_factor: 2,
      dilation_h_factor: 2,
      dilation_w_factor: 2,
    },
  },
  {
    name: 'CONV_3D_TRANSPOSE SAME stride 2',
    op: 'CONV_3D_TRANSPOSE',
    inputs: [i32([5], [1, 4, 6, 4, 3]), f32([3, 3, 2, 3, 2], wave(108)), f32([1, 2, 3, 2, 2])],
    outputs: [f32([1, 4, 6, 4, 3])],
    options: { padding: 'SAME', stride_d: 2, stride_h: 2, stride_w: 2 },
  },
  {
    name: 'CONV_3D_TRANSPOSE VALID with bias',
    op: 'CONV_3D_TRANSPOSE',
    inputs: [i32([5], [1, 4, 5, 4, 2]), f32([2, 3, 2, 2, 3], wave(72, 3)), f32([1, 3, 3, 3, 3]), f32([2], [0.5, -1])],
    outputs: [f32([1, 4, 5, 4, 2])],
    options: { padding: 'VALID', stride_d: 1, stride_h: 1, stride_w: 1 },
  },
  { name: 'CUMSUM', op: 'CUMSUM', inputs: [f32([2, 5, 3]), i32([], [1])], outputs: [f32([2, 5, 3])] },
  {
    name: 'CUMSUM exclusive reverse',
    op: 'CUMSUM',
    inputs: [f32([2, 5, 3]), i32([], [-1])],
    outputs: [f32([2, 5, 3])],
    options: { exclusive: true, reverse: true },
  },
  {
    name: 'CUMSUM int32',
    op: 'CUMSUM',
    inputs: [i32([3, 4]), i32([], [0])],
    outputs: [i32([3, 4])],
    options: { exclusive: true },
    fills: [{ range: [-50, 50] }],
  },
  {
    name: 'TOPK_V2',
    op: 'TOPK_V2',
    inputs: [f32([3, 10]), i32([], [4])],
    outputs: [f32([3, 4]), i32([3, 4])],
  },
  {
    name: 'EMBEDDING_LOOKUP',
    op: 'EMBEDDING_LOOKUP',
    inputs: [i32([5]), f32([7, 2, 3], wave(42))],
    outputs: [f32([5, 2, 3])],
    fills: [{ data: [3, 0, 6, 3, 1] }],
  },
];

for (const c of CASES)
  test(c.name, async () => {
    const r = await runConformance(
      singleOpModel({ op: c.op, inputs: c.inputs, outputs: c.outputs, options: c.options, version: c.version }),
      c.fills,
    );
    assert.equal(r.foreign, [], 'imported without foreign ops');
    for (const o of r.outputs)
      assert.ok(o.ok, `${c.name}: ${o.output} max abs ${o.maxAbs}, max rel ${o.maxRel} (${o.rule} bound ${o.bound})`);
    assert.ok(r.outputs.length === c.outputs.length);
  });

test.run();
