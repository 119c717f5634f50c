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
import resizeNearestToHalfPixel from './rules/resize-nearest-to-half-pixel.js';
import channelShuffleTo4d from './rules/channel-shuffle-to-4d.js';
import stridedSliceToReshape from './rules/strided-slice-to-reshape.js';

export const PIPELINE: Rewrite<never>[] = [
  eliminateIdentity, eliminateDropout, freezeInputShapes, convertOpset, foldShapeArithmetic, foldConstants,
  decomposeHardswish, decomposeHardsigmoid, decomposeGelu, decomposeMish, decomposeSoftplus, decomposePrelu, decomposeLayernorm, resizeNearestToHalfPixel, channelShuffleTo4d, stridedSliceToReshape, fuseConvBn,
] as Rewrite<never>[];

/** Rules applied on every fix run (exact, target-independent simplifications). */
export const ALWAYS = new Set<string>(['eliminate-identity', 'eliminate-dropout', 'fold-shape-arithmetic', 'fold-constants', 'fuse-conv-bn']);
