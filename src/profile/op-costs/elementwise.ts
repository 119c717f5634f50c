import type { CostFamily } from './cost-family.js';
import { product } from './cost-family.js';

/** Operations per output element for activations written as several steps; everything else counts 1. */
const OPS_PER_ELEMENT: Record<string, number> = {
  HardSwish: 3,
  HardSigmoid: 2,
  Gelu: 8,
  Mish: 4,
  Softmax: 3,
  LogSoftmax: 3,
  Softplus: 2,
  Selu: 3,
  Elu: 3,
  Celu: 3,
};

/**
 * The default family: elementwise arithmetic, activations, reductions and anything without a rule of its own —
 * one operation per output element (`OPS_PER_ELEMENT` for the multi-step activations; reductions per input element).
 */
export const elementwise: CostFamily = {
  name: 'elementwise',
  ops: [],
  cost(node, { inputs, outputs }) {
    const y = outputs[0];
    if (!y) return null;
    if (node.op.startsWith('Reduce') || node.op === 'ArgMax' || node.op === 'ArgMin') {
      const x = inputs[0];
      return x ? { macs: 0, otherOps: product(x) } : null;
    }
    const variadic = node.op === 'Sum' || node.op === 'Max' || node.op === 'Min' || node.op === 'Mean';
    const perElement = variadic ? Math.max(node.inputs.length - 1, 1) : (OPS_PER_ELEMENT[node.op] ?? 1);
    return { macs: 0, otherOps: perElement * product(y) };
  },
};
