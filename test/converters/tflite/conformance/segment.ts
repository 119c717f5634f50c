/** Conformance cases: ADD_N, segment reductions, BUCKETIZE, REVERSE_SEQUENCE, UNIQUE, StableHLO elementwise. */
import type { ConformanceCase, InputFill } from '../../../helpers/tflite-conformance.js';
import { singleOpModel as one, type TflTensorSpec, type TflOptionValue } from '../../../helpers/tflite-builder.js';
import { f32, i32 } from './tensors.js';

function op(
  builtin: string,
  name: string,
  inputs: TflTensorSpec[],
  outputs: TflTensorSpec[],
  options?: Record<string, TflOptionValue>,
  fills?: InputFill[],
): ConformanceCase {
  return { builtin, name, model: one({ op: builtin, inputs, outputs, options }), fills };
}

export const segmentCases: ConformanceCase[] = [
  op('ADD_N', 'float three inputs', [f32([2, 3]), f32([2, 3]), f32([2, 3])], [f32([2, 3])]),
  ...['SUM', 'PROD', 'MAX', 'MIN'].map((k) =>
    op(
      `UNSORTED_SEGMENT_${k}`,
      'float, an empty segment',
      [f32([5, 3]), i32([5], [3, 0, 3, 1, 0]), i32([], [5])],
      [f32([5, 3])],
    ),
  ),
  op(
    'UNSORTED_SEGMENT_MAX',
    'int32',
    [i32([5, 2]), i32([5], [1, 0, 1, 1, 0]), i32([], [3])],
    [i32([3, 2])],
    undefined,
    [{ range: [-50, 50] }],
  ),
  op('BUCKETIZE', 'float', [f32([3, 4])], [i32([3, 4])], { boundaries: [-0.5, 0, 0.25, 0.5] }, [
    { data: [-1, -0.5, -0.2, 0, 0.1, 0.25, 0.3, 0.5, 0.9, -0.7, 0.2, 0.6] },
  ]),
  op('REVERSE_SEQUENCE', 'float seq_dim 1 batch_dim 0', [f32([3, 5, 2]), i32([3], [2, 5, 0])], [f32([3, 5, 2])], {
    seq_dim: 1,
    batch_dim: 0,
  }),
  op('UNIQUE', 'float, first-occurrence order', [f32([7])], [f32([4]), i32([7])], { idx_out_type: 'INT32' }, [
    { data: [3, 1, 3, 2, 1, 7, 2] },
  ]),
  ...['ADD', 'MULTIPLY', 'MAXIMUM', 'MINIMUM'].map((k) =>
    op(`STABLEHLO_${k}`, 'float', [f32([2, 3]), f32([2, 3])], [f32([2, 3])]),
  ),
];
