import type { CostFamily } from './cost-family.js';
import { product } from './cost-family.js';

/**
 * Convolutions. Conv: N·Cout·∏out_spatial·(Cin/g)·∏kernel MACs (bias adds are other ops).
 * ConvTranspose scatters every input pixel: N·Cin·∏in_spatial·(Cout/g)·∏kernel MACs — counting it with
 * the output's spatial size over-counts by stride².
 */
export const convolution: CostFamily = {
  name: 'convolution',
  ops: ['Conv', 'ConvInteger', 'QLinearConv', 'ConvTranspose'],
  cost(node, { inputs, outputs }) {
    const xIndex = 0;
    const wIndex = node.op === 'QLinearConv' ? 3 : 1;
    const x = inputs[xIndex],
      w = inputs[wIndex],
      y = outputs[0];
    if (!x || !w || !y) return null;
    const kernel = product(w.slice(2));
    const hasBias = node.op === 'QLinearConv' ? !!node.inputs[8] : !!node.inputs[2];
    const bias = hasBias ? product(y) : 0;
    if (node.op === 'ConvTranspose') {
      const [n, cin] = x;
      const coutPerGroup = w[1]!;
      return { macs: n! * cin! * product(x.slice(2)) * coutPerGroup * kernel, otherOps: bias };
    }
    const cinPerGroup = w[1]!;
    return { macs: product(y) * cinPerGroup * kernel, otherOps: bias };
  },
};
