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

/**
 * ONNX LRN: y = x / (bias + α/size · Σx²)^β, Caffe's ACROSS_CHANNELS LRN the same with k for bias. OpenCV dnn
 * reads no `k` from a Caffe LRN (it keeps 1), so a bias k ≠ 1 is divided out, exactly:
 * x / (k + α/n·Σ)^β = k^-β · x / (1 + (α/k)/n·Σ)^β — an LRN with k 1 and α/k, then Power with scale k^-β.
 */
function lrn(n: Node, c: WriteCtx): void {
  const size = n.int('size', 5);
  if (size % 2 === 0) throw new CaffeRefusal(`LRN size ${size}: Caffe's window is centred, so its size must be odd`);
  const k = n.float('bias', 1);
  if (!(k > 0)) throw new CaffeRefusal(`LRN bias ${k}: written for a positive bias`);
  const name = layerName(n, c);
  const lrnTop = k === 1 ? outTop(n) : c.fresh(`${name}_unit_bias`);
  c.emit({
    name,
    type: 'LRN',
    bottoms: [c.top(n.inputs[0])],
    tops: [lrnTop],
    params: {
      lrn_param: {
        local_size: size,
        alpha: n.float('alpha', 1e-4) / k,
        beta: n.float('beta', 0.75),
        k: 1,
        norm_region: enumValue('ACROSS_CHANNELS'),
      },
    },
  });
  if (k === 1) return;
  c.emit({
    name: c.fresh(`${name}_bias`),
    type: 'Power',
    bottoms: [lrnTop],
    tops: [outTop(n)],
    params: { power_param: { scale: Math.pow(k, -n.float('beta', 0.75)) } },
  });
}

export const normFamily: LayerFamily = {
  ops: ['BatchNormalization', 'LRN'],
  write: (n, c) => (n.op === 'LRN' ? lrn(n, c) : batchNorm(n, c)),
};
