/** BatchNormalization → BatchNorm (scale-factor blob 1) + Scale; LRN across channels. */
import type { Node } from '../../../../src/ir/node.js';
import {
  blob,
  CaffeRefusal,
  constF32,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';
import { enumValue } from '../caffe-layer.js';

function batchNorm(n: Node, c: WriteCtx): void {
  const [gamma, beta, mean, variance] = n.inputs.slice(1, 5).map(constF32);
  if (!gamma || !beta || !mean || !variance) throw new CaffeRefusal('scale, bias, mean and variance must be constants');
  if (n.outputs.slice(1).some((o) => o && o.consumers.length)) throw new CaffeRefusal('training-mode outputs are used');
  const ch = staticDims(n.inputs[0])[1]!;
  const name = layerName(n, c);
  const normalized = c.fresh(`${name}_normalized`);
  c.emit({
    name,
    type: 'BatchNorm',
    bottoms: [c.top(n.inputs[0])],
    tops: [normalized],
    params: { batch_norm_param: { use_global_stats: true, eps: n.float('epsilon', 1e-5) } },
    blobs: [blob([ch], mean), blob([ch], variance), blob([1], Float32Array.of(1))],
  });
  c.emit({
    name: c.fresh(`${name}_scale`),
    type: 'Scale',
    bottoms: [normalized],
    tops: [outTop(n)],
    params: { scale_param: { bias_term: true } },
    blobs: [blob([ch], gamma), blob([ch], beta)],
  });
}

function lrn(n: Node, c: WriteCtx): void {
  if (n.int('size', 5) % 2 === 0)
    throw new CaffeRefusal(`LRN size ${n.int('size', 5)}: Caffe's window is centred, so its size must be odd`);
  c.emit({
    name: layerName(n, c),
    type: 'LRN',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: {
      lrn_param: {
        local_size: n.int('size', 5),
        alpha: n.float('alpha', 1e-4),
        beta: n.float('beta', 0.75),
        k: n.float('bias', 1),
        norm_region: enumValue('ACROSS_CHANNELS'),
      },
    },
  });
}

export const normFamily: LayerFamily = {
  ops: ['BatchNormalization', 'LRN'],
  write: (n, c) => (n.op === 'LRN' ? lrn(n, c) : batchNorm(n, c)),
};
