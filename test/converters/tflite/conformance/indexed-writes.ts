/**
 * Conformance cases: SEGMENT_SUM, SPARSE_TO_DENSE, DYNAMIC_UPDATE_SLICE, MATRIX_DIAG, MATRIX_SET_DIAG, DILATE,
 * STABLEHLO_PAD, FAKE_QUANT and NON_MAX_SUPPRESSION_V4/V5 (hard NMS), each against LiteRT.js's kernel.
 */
import type { ConformanceCase, InputFill } from '../../../helpers/tflite-conformance.js';
import { singleOpModel as one, type TflTensorSpec, type TflOptionValue } from '../../../helpers/tflite-builder.js';
import { f32, i32, values } from './tensors.js';

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

/** Eight boxes, corners in either order, crowded in the unit square so that many overlap. */
const BOXES = values(32, 0, 1, 3);
const nmsInputs = (scoreThreshold: number): TflTensorSpec[] => [
  f32([8, 4]),
  f32([8]),
  i32([], [5]),
  f32([], [0.3]),
  f32([], [scoreThreshold]),
];

export const indexedWriteCases: ConformanceCase[] = [
  op('SEGMENT_SUM', 'float, runs of ids', [f32([6, 3]), i32([6], [0, 0, 1, 2, 2, 2])], [f32([3, 3])]),
  op('SEGMENT_SUM', 'int32 rank 1, ids as input', [i32([5]), i32([5])], [i32([4])], undefined, [
    { range: [-20, 20] },
    { data: [0, 1, 1, 2, 3] },
  ]),
  op(
    'SPARSE_TO_DENSE',
    'float [N, 2] indices, values input',
    [i32([3, 2], [0, 1, 2, 3, 1, 0]), i32([2], [3, 4]), f32([3]), f32([])],
    [f32([3, 4])],
  ),
  op(
    'SPARSE_TO_DENSE',
    'int32 [N] indices, scalar value',
    [i32([3], [4, 0, 2]), i32([1], [6]), i32([], [7]), i32([])],
    [i32([6])],
  ),
  op(
    'DYNAMIC_UPDATE_SLICE',
    'float, start clamped to fit',
    [f32([4, 5]), f32([2, 3]), i32([2], [3, 1])],
    [f32([4, 5])],
  ),
  op(
    'DYNAMIC_UPDATE_SLICE',
    'start as input, negative and past the end',
    [f32([3, 4, 2]), f32([2, 2, 2]), i32([3])],
    [f32([3, 4, 2])],
    undefined,
    [{}, {}, { data: [-1, 5, 0] }],
  ),
  op('MATRIX_DIAG', 'float batch of 2', [f32([2, 3])], [f32([2, 3, 3])]),
  op('MATRIX_SET_DIAG', 'wide matrices', [f32([2, 3, 4]), f32([2, 3])], [f32([2, 3, 4])]),
  op('MATRIX_SET_DIAG', 'tall matrices', [f32([4, 3]), f32([3])], [f32([4, 3])]),
  op('DILATE', 'float, three axes', [f32([2, 3, 2]), i32([3], [2, 1, 3]), f32([])], [f32([3, 3, 4])]),
  op('STABLEHLO_PAD', 'interior, positive and negative edges', [f32([2, 3]), f32([])], [f32([6, 7])], {
    edge_padding_low: [1, -1],
    edge_padding_high: [2, 1],
    interior_padding: [1, 2],
  }),
  op('FAKE_QUANT', '8 bits, range nudged', [f32([2, 3, 4])], [f32([2, 3, 4])], { min: -1, max: 1.5, num_bits: 8 }, [
    { range: [-2, 2] },
  ]),
  op(
    'FAKE_QUANT',
    '4 bits, range above 0 (zero point clamped)',
    [f32([40])],
    [f32([40])],
    { min: 0.2, max: 0.9, num_bits: 4 },
    [{ range: [-1, 1] }],
  ),
  op('NON_MAX_SUPPRESSION_V4', 'padded indices and count', nmsInputs(0.2), [i32([5]), i32([])], undefined, [
    { data: BOXES },
  ]),
  op('NON_MAX_SUPPRESSION_V4', 'fewer boxes than the maximum', nmsInputs(0.7), [i32([5]), i32([])], undefined, [
    { data: BOXES },
  ]),
  op(
    'NON_MAX_SUPPRESSION_V5',
    'hard NMS (sigma 0): indices, scores, count',
    [...nmsInputs(0.1), f32([], [0])],
    [i32([5]), f32([5]), i32([])],
    undefined,
    [{ data: BOXES }],
  ),
];
