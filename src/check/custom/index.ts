/** Named predicates for what targets.json data cannot say; an explicit table. */
import type { CustomPredicate } from './types.js';
import { resizeIntegerScale, resizeSpatialOnly } from './resize.js';
import { einsumPlain } from './einsum-plain.js';
import { caffeLayer } from './caffe-layer.js';
import {
  axisDimStatic,
  consumedByBinaryOp,
  depthwise,
  ifBranchesSameRank,
  loopStaticTrip,
  never,
  noRuntimeDtype,
  rnnSameActivations,
  symmetricPads,
  zeroPointZero,
  inMultiheadAttention,
  inSequenceGlue,
  embedTable,
} from './node-facts.js';

export const CUSTOM_PREDICATES: Record<string, CustomPredicate> = {
  'resize-integer-scale': resizeIntegerScale,
  'resize-spatial-only': resizeSpatialOnly,
  never,
  depthwise,
  'symmetric-pads': symmetricPads,
  'zero-point-zero': zeroPointZero,
  'rnn-same-activations': rnnSameActivations,
  'axis-dim-static': axisDimStatic,
  'if-branches-same-rank': ifBranchesSameRank,
  'loop-static-trip': loopStaticTrip,
  'consumed-by-binary-op': consumedByBinaryOp,
  'no-runtime-dtype': noRuntimeDtype,
  'in-multihead-attention': inMultiheadAttention,
  'in-sequence-glue': inSequenceGlue,
  'embed-table': embedTable,
  'einsum-plain': einsumPlain,
  'caffe-layer': caffeLayer,
};
