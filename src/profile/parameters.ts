import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { isFloat } from '../ir/dtype.js';
import { costFamilyOf } from './op-costs/index.js';

/** Inputs that hold state, not learned parameters (BN running mean and variance are buffers in every framework). */
const BUFFER_INPUTS: Record<string, readonly number[]> = { BatchNormalization: [3, 4] };
/** Integer constants that are weights (quantized kernels), by op and input index. */
const INTEGER_WEIGHT_INPUTS: Record<string, readonly number[]> = {
  DequantizeLinear: [0],
  QLinearConv: [3],
  ConvInteger: [1],
  QLinearMatMul: [3],
  MatMulInteger: [1],
};
/** Families whose every constant input is a parameter, scalars included (a 1-channel conv's bias). */
const WEIGHTED_FAMILIES = new Set(['convolution', 'matrix product', 'recurrent', 'normalization']);

/**
 * Whether input `index` of `node` is a learned parameter: a constant that is not a buffer, and either a float
 * tensor with more than one element (weights, biases, layer scales, embeddings) or any constant input of a
 * weighted op; integer constants only where they are quantized weights. Scalars in elementwise arithmetic
 * (an epsilon, a 1/√d) and integer shape glue are not parameters.
 */
export function isParameterInput(node: Node, index: number): boolean {
  const v = node.inputs[index];
  if (!v?.data || v.producer) return false;
  if (BUFFER_INPUTS[node.op]?.includes(index)) return false;
  const dtype = v.data.dtype;
  if (!isFloat(dtype)) return INTEGER_WEIGHT_INPUTS[node.op]?.includes(index) ?? false;
  if (WEIGHTED_FAMILIES.has(costFamilyOf(node.op, node.domain).name)) return true;
  return v.data.count > 1;
}

/** The parameter values a node consumes that no earlier node already counted (shared weights count once). */
export function newParameters(node: Node, counted: Set<Value>): Value[] {
  const fresh: Value[] = [];
  node.inputs.forEach((v, index) => {
    if (!v || counted.has(v) || !isParameterInput(node, index)) return;
    counted.add(v);
    fresh.push(v);
  });
  return fresh;
}
