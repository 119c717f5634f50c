/** The one ordered pipeline: canonicalize → patch → fold → decompose → fuse. Explicit, no discovery. */
import type { Rewrite } from './define.js';
import eliminateIdentity from './rules/eliminate-identity.js';
import eliminateDropout from './rules/eliminate-dropout.js';
import freezeInputShapes from './rules/freeze-input-shapes.js';
import convertOpset from './rules/convert-opset.js';
import foldShapeArithmetic from './rules/fold-shape-arithmetic.js';
import foldConstants from './rules/fold-constants.js';
import decomposeHardswish from './rules/decompose-hardswish.js';
import decomposeHardsigmoid from './rules/decompose-hardsigmoid.js';
import decomposeGelu from './rules/decompose-gelu.js';
import decomposeMish from './rules/decompose-mish.js';
import decomposeSoftplus from './rules/decompose-softplus.js';
import decomposePrelu from './rules/decompose-prelu.js';
import decomposeLayernorm from './rules/decompose-layernorm.js';
import fuseConvBn from './rules/fuse-conv-bn.js';
import broadcastToSameRank from './rules/broadcast-to-same-rank.js';
import expandCaffeDetectionOutput from './rules/expand-caffe-detection-output.js';
import fuseHardswish from './rules/fuse-hardswish.js';
import fuseMish from './rules/fuse-mish.js';
import fuseGelu from './rules/fuse-gelu.js';
import fuseHardsigmoid from './rules/fuse-hardsigmoid.js';
import decomposeSilu from './rules/decompose-silu.js';
import fuseConvAddMul from './rules/fuse-conv-add-mul.js';
import fuseLayernorm from './rules/fuse-layernorm.js';
import decomposeInstancenorm from './rules/decompose-instancenorm.js';
import decomposeGroupnorm from './rules/decompose-groupnorm.js';
import decomposeEinsum from './rules/decompose-einsum.js';
import upsampleToResize from './rules/upsample-to-resize.js';
import resizeScalesToSizes from './rules/resize-scales-to-sizes.js';
import resizeSizesToScales from './rules/resize-sizes-to-scales.js';
import eliminateNoop from './rules/eliminate-noop.js';
import dedupeInitializers from './rules/dedupe-initializers.js';
import eliminateCommonSubexpressions from './rules/eliminate-common-subexpressions.js';
import decomposeGeluTanh from './rules/decompose-gelu-tanh.js';
import expandToTile from './rules/expand-to-tile.js';
import splitToSlice from './rules/split-to-slice.js';
import softmaxToLastAxis from './rules/softmax-to-last-axis.js';
import gatherConstToSlice from './rules/gather-const-to-slice.js';
import fuseMatmulAddGemm from './rules/fuse-matmul-add-gemm.js';
import fusePadIntoConv from './rules/fuse-pad-into-conv.js';
import poolCeilToPads from './rules/pool-ceil-to-pads.js';
import cancelTransposePairs from './rules/cancel-transpose-pairs.js';
import resizeNearestToHalfPixel from './rules/resize-nearest-to-half-pixel.js';
import channelShuffleTo4d from './rules/channel-shuffle-to-4d.js';
import fuseSpaceToDepth from './rules/fuse-space-to-depth.js';
import stridedSliceToReshape from './rules/strided-slice-to-reshape.js';
import fusePadIntoPool from './rules/fuse-pad-into-pool.js';
import fuseSilu from './rules/fuse-silu.js';
import fuseGroupnorm from './rules/fuse-groupnorm.js';
import int64ToInt32 from './rules/int64-to-int32.js';
import sliceOffBatchAxis from './rules/slice-off-batch-axis.js';

export const PIPELINE: Rewrite<never>[] = [
  // canonicalize
  eliminateIdentity,
  eliminateDropout,
  eliminateNoop,
  dedupeInitializers,
  eliminateCommonSubexpressions,
  // patch
  freezeInputShapes,
  convertOpset,
  int64ToInt32,
  // fold
  foldShapeArithmetic,
  foldConstants,
  // decompose
  decomposeHardswish,
  decomposeHardsigmoid,
  decomposeGelu,
  decomposeGeluTanh,
  decomposeMish,
  decomposeSoftplus,
  decomposePrelu,
  decomposeLayernorm,
  decomposeInstancenorm,
  decomposeGroupnorm,
  decomposeEinsum,
  decomposeSilu,
  expandCaffeDetectionOutput,
  upsampleToResize,
  resizeScalesToSizes,
  resizeSizesToScales,
  expandToTile,
  splitToSlice,
  gatherConstToSlice,
  softmaxToLastAxis,
  poolCeilToPads,
  resizeNearestToHalfPixel,
  channelShuffleTo4d,
  stridedSliceToReshape,
  sliceOffBatchAxis,
  // fuse
  fuseConvBn,
  fuseConvAddMul,
  fusePadIntoConv,
  fusePadIntoPool,
  fuseMatmulAddGemm,
  cancelTransposePairs,
  fuseHardsigmoid,
  fuseHardswish,
  fuseGelu,
  fuseMish,
  fuseLayernorm,
  fuseSilu,
  fuseGroupnorm,
  fuseSpaceToDepth,
  // patch for the runtime
  broadcastToSameRank,
] as Rewrite<never>[];

/** Rules applied on every fix run (exact, target-independent simplifications). */
export const ALWAYS = new Set<string>([
  'eliminate-identity',
  'eliminate-dropout',
  'eliminate-noop',
  'dedupe-initializers',
  'eliminate-common-subexpressions',
  'fold-shape-arithmetic',
  'fold-constants',
  'fuse-conv-bn',
  'cancel-transpose-pairs',
]);
