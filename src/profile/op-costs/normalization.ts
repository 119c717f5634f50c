import type { CostFamily } from './cost-family.js';
import { product } from './cost-family.js';

/** Operations per element: BN is a scale and a shift; the others also compute mean and variance. */
const PER_ELEMENT: Record<string, number> = {
  BatchNormalization: 2,
  InstanceNormalization: 5,
  LayerNormalization: 5,
  GroupNormalization: 5,
  LpNormalization: 3,
  MeanVarianceNormalization: 5,
  LRN: 4,
};

/** Normalisation layers count as other ops, never as MACs (a target folds inference BN into the convolution). */
export const normalization: CostFamily = {
  name: 'normalization',
  ops: Object.keys(PER_ELEMENT),
  cost(node, { outputs }) {
    const y = outputs[0];
    if (!y) return null;
    return { macs: 0, otherOps: PER_ELEMENT[node.op]! * product(y) };
  },
};
