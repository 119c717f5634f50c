import type { CostFamily } from './cost-family.js';

/** Gates per cell: LSTM i,o,f,c; GRU z,r,h; RNN one. */
const GATES: Record<string, number> = { LSTM: 4, GRU: 3, RNN: 1 };

/**
 * Recurrent layers: per time step, batch element and direction each gate multiplies [x, h] by its weights:
 * gates·H·(I + H) MACs; the gate nonlinearities and cell updates are other ops (gates·H + 3·H per step).
 */
export const recurrent: CostFamily = {
  name: 'recurrent',
  ops: ['LSTM', 'GRU', 'RNN'],
  cost(node, { inputs }) {
    const x = inputs[0],
      w = inputs[1];
    if (!x || !w) return null;
    const batchFirst = node.int('layout', 0) === 1;
    const [seq, batch] = batchFirst ? [x[1]!, x[0]!] : [x[0]!, x[1]!];
    const [dirs, gatesTimesHidden, inputSize] = w as [number, number, number];
    const gates = GATES[node.op]!;
    const hidden = gatesTimesHidden / gates;
    const steps = seq * batch * dirs;
    return {
      macs: steps * gates * hidden * (inputSize + hidden),
      otherOps: steps * (gates * hidden + 3 * hidden),
    };
  },
};
