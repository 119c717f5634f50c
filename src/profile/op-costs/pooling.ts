import type { CostFamily } from './cost-family.js';
import { product } from './cost-family.js';

/** Pooling: one comparison or addition per window element and output (global pools: per input element). */
export const pooling: CostFamily = {
  name: 'pooling',
  ops: ['MaxPool', 'AveragePool', 'LpPool', 'GlobalMaxPool', 'GlobalAveragePool', 'GlobalLpPool'],
  cost(node, { inputs, outputs }) {
    const x = inputs[0],
      y = outputs[0];
    if (!x || !y) return null;
    if (node.op.startsWith('Global')) return { macs: 0, otherOps: product(x) };
    const kernel = product(node.ints('kernel_shape') ?? []);
    return { macs: 0, otherOps: product(y) * kernel };
  },
};
