/**
 * Conformance cases: STABLEHLO_GATHER and STABLEHLO_SCATTER with general dimension numbers (clamped starts,
 * skipped out-of-range updates, replace and add computations) and STABLEHLO_REDUCE_WINDOW (max, add; strides,
 * base and window dilation, padding), each against LiteRT.js's kernel.
 */
import type { ConformanceCase, InputFill } from '../../../helpers/tflite-conformance.js';
import {
  singleOpModel as one,
  type TflSubgraphSpec,
  type TflTensorSpec,
  type TflOptionValue,
} from '../../../helpers/tflite-builder.js';
import { f32, i32, ints } from './tensors.js';

/** A computation of two scalars: one binary op, or (op null) returning the second argument. */
function body(op: string | null): TflSubgraphSpec {
  if (!op) return { tensors: [f32([]), f32([])], inputs: [0, 1], outputs: [1], operators: [] };
  return {
    tensors: [f32([]), f32([]), f32([])],
    inputs: [0, 1],
    outputs: [2],
    operators: [{ op, inputs: [0, 1], outputs: [2] }],
  };
}

function op(
  builtin: string,
  name: string,
  inputs: TflTensorSpec[],
  outputs: TflTensorSpec[],
  options: Record<string, TflOptionValue>,
  fills?: InputFill[],
  computation?: TflSubgraphSpec,
): ConformanceCase {
  const model = one({ op: builtin, inputs, outputs, options });
  return { builtin, name, model: computation ? { ...model, subgraphs: [computation] } : model, fills };
}

const gatherCases: ConformanceCase[] = [
  op(
    'STABLEHLO_GATHER',
    'rows, a start clamped',
    [f32([3, 4]), i32([2, 1])],
    [f32([2, 4])],
    { offset_dims: [1], collapsed_slice_dims: [0], start_index_map: [0], index_vector_dim: 1, slice_sizes: [1, 4] },
    [{}, { data: [2, -1] }],
  ),
  op(
    'STABLEHLO_GATHER',
    'two start axes, windows between batch dims',
    [f32([4, 5, 6]), i32([2, 3, 2])],
    [f32([2, 3, 3, 2])],
    {
      offset_dims: [1, 3],
      collapsed_slice_dims: [0],
      start_index_map: [0, 2],
      index_vector_dim: 2,
      slice_sizes: [1, 3, 2],
    },
    [{}, { data: ints(12, -2, 8, 5) }],
  ),
  op(
    'STABLEHLO_GATHER',
    'index_vector_dim 0, starts mapped in reverse',
    [f32([5, 6]), i32([2, 3])],
    [f32([3, 2, 3])],
    {
      offset_dims: [1, 2],
      collapsed_slice_dims: [],
      start_index_map: [1, 0],
      index_vector_dim: 0,
      slice_sizes: [2, 3],
    },
    [{}, { data: [0, 5, 2, 4, 1, 3] }],
  ),
];

const scatterCases: ConformanceCase[] = [
  op(
    'STABLEHLO_SCATTER',
    'replace rows, an out-of-range row skipped',
    [f32([5, 4]), i32([3, 1]), f32([3, 4])],
    [f32([5, 4])],
    {
      update_window_dims: [1],
      inserted_window_dims: [0],
      scatter_dims_to_operand_dims: [0],
      index_vector_dim: 1,
      update_computation_subgraph_index: 1,
    },
    [{}, { data: [3, 7, 0] }],
    body(null),
  ),
  op(
    'STABLEHLO_SCATTER',
    'add, repeated rows',
    [f32([4, 3]), i32([3, 1]), f32([3, 3])],
    [f32([4, 3])],
    {
      update_window_dims: [1],
      inserted_window_dims: [0],
      scatter_dims_to_operand_dims: [0],
      index_vector_dim: 1,
      update_computation_subgraph_index: 1,
    },
    [{}, { data: [1, 1, 3] }],
    body('STABLEHLO_ADD'),
  ),
  op(
    'STABLEHLO_SCATTER',
    'add, two scatter axes, windows partly outside',
    [f32([3, 4, 5]), i32([2, 2]), f32([2, 4, 2])],
    [f32([3, 4, 5])],
    {
      update_window_dims: [1, 2],
      inserted_window_dims: [0],
      scatter_dims_to_operand_dims: [0, 2],
      index_vector_dim: 1,
      update_computation_subgraph_index: 1,
    },
    [{}, { data: [2, 1, 0, 4] }],
    body('STABLEHLO_ADD'),
  ),
];

const reduceWindowCases: ConformanceCase[] = [
  op(
    'STABLEHLO_REDUCE_WINDOW',
    'max 2×2 stride 2 (NHWC)',
    [f32([1, 4, 6, 2]), f32([], [-3.4e38])],
    [f32([1, 2, 3, 2])],
    {
      window_dimensions: [1, 2, 2, 1],
      window_strides: [1, 2, 2, 1],
      padding: [0, 0, 0, 0, 0, 0, 0, 0],
      body_subgraph_index: 1,
    },
    undefined,
    body('STABLEHLO_MAXIMUM'),
  ),
  op(
    'STABLEHLO_REDUCE_WINDOW',
    'add, base and window dilation, padding',
    [f32([5, 6]), f32([], [0.5])],
    [f32([2, 11])],
    {
      window_dimensions: [2, 3],
      window_strides: [2, 1],
      base_dilations: [1, 2],
      window_dilations: [2, 1],
      padding: [1, 0, 0, 2],
      body_subgraph_index: 1,
    },
    undefined,
    body('STABLEHLO_ADD'),
  ),
];

export const stablehloCases: ConformanceCase[] = [...gatherCases, ...scatterCases, ...reduceWindowCases];
