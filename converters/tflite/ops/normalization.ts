/**
 * Normalisations over the channel (last) axis: L2_NORMALIZATION (x / max(‖x‖₂, 1e-6), the kernel's epsilon),
 * LOCAL_RESPONSE_NORMALIZATION (x / (bias + alpha·Σ_{c−r..c+r} x²)^beta; ONNX LRN divides alpha by the
 * window size 2r+1, so it gets alpha·(2r+1)), LOG_SOFTMAX.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { activation } from './fused-activation.js';
import { nchw, nhwc } from './layout.js';

/** tensorflow/lite/kernels/internal/reference/l2normalization.h: epsilon = 1e-6 on the norm. */
const L2_EPSILON = 1e-6;

function l2Normalization(c: OpCtx): Value[] {
  const x = c.input(0)!;
  const sumSq = c.node('ReduceSumSquare', [x], new Map([['axes', attr.ints([-1])]]))[0]!;
  const norm = c.node('Max', [c.node('Sqrt', [sumSq])[0]!, c.constant('epsilon', 'float32', [], [L2_EPSILON])])[0]!;
  return [activation(c, c.node('Div', [x, norm])[0]!)];
}

function localResponseNormalization(c: OpCtx): Value[] | null {
  if (c.shapeOf(0).length !== 4) return null;
  const size = 2 * opt(c, 'radius') + 1;
  const attrs = new Map([
    ['size', attr.int(size)],
    ['alpha', attr.float(opt(c, 'alpha') * size)],
    ['beta', attr.float(opt(c, 'beta'))],
    ['bias', attr.float(opt(c, 'bias'))],
  ]);
  return [nhwc(c, c.node('LRN', [nchw(c, c.input(0)!)], attrs)[0]!)];
}

export const normalizationOps: TfliteOpTable = {
  L2_NORMALIZATION: l2Normalization,
  LOCAL_RESPONSE_NORMALIZATION: localResponseNormalization,
  LOG_SOFTMAX: (c) => c.node('LogSoftmax', [c.input(0)], new Map([['axis', attr.int(-1)]])),
};
