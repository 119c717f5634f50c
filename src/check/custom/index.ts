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
import {
  avgpoolCeilWithinPads,
  gatherSingleIndex,
  keepsLeadingDim,
  ncnnPermute,
  sameRankOutput,
  staticDimsGivenStaticInputs,
} from './ncnn-export-layout.js';
import {
  einsumKeepsBatchFirst,
  gemmInnerProduct,
  inputAbsent,
  layernormAffine,
  layernormTrailingAxes,
  matmulNcnnShapes,
  preluPerChannel,
  rnnFullSequenceLens,
  rnnZeroInitialState,
} from './ncnn-export-ops.js';

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
  'static-dims-given-static-inputs': staticDimsGivenStaticInputs,
  'ncnn-permute': ncnnPermute,
  'same-rank-output': sameRankOutput,
  'keeps-leading-dim': keepsLeadingDim,
  'gather-single-index': gatherSingleIndex,
  'avgpool-ceil-within-pads': avgpoolCeilWithinPads,
  'gemm-inner-product': gemmInnerProduct,
  'matmul-ncnn-shapes': matmulNcnnShapes,
  'prelu-per-channel': preluPerChannel,
  'layernorm-trailing-axes': layernormTrailingAxes,
  'layernorm-affine': layernormAffine,
  'rnn-full-sequence-lens': rnnFullSequenceLens,
  'rnn-zero-initial-state': rnnZeroInitialState,
  'input-absent': inputAbsent,
  'einsum-keeps-batch-first': einsumKeepsBatchFirst,
};
