import type { CostFamily } from './cost-family.js';
import { convolution } from './convolution.js';
import { matrixProduct } from './matrix-product.js';
import { recurrent } from './recurrent.js';
import { pooling } from './pooling.js';
import { normalization } from './normalization.js';
import { dataMovement } from './data-movement.js';
import { elementwise } from './elementwise.js';

/** The cost families, in one explicit list; an op no family names falls to `elementwise`. */
export const COST_FAMILIES: readonly CostFamily[] = [
  convolution,
  matrixProduct,
  recurrent,
  pooling,
  normalization,
  dataMovement,
];
export const DEFAULT_FAMILY = elementwise;

const BY_OP = new Map(COST_FAMILIES.flatMap((family) => family.ops.map((op) => [op, family] as const)));

export function costFamilyOf(op: string, domain: string): CostFamily {
  if (domain && domain !== 'ai.onnx') return DEFAULT_FAMILY;
  return BY_OP.get(op) ?? DEFAULT_FAMILY;
}
