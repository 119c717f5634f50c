/**
 * The ids of every rewrite convcheck has or plans, in pipeline order groups. A `fix` in targets.json
 * must name one of these. `true` = implemented by the rewrite pipeline, `false` = planned (findings
 * name the fix; `convcheck fix` does not apply it yet). Ids are stable and never reused.
 * Resize → Upsample is part of convert-opset (to opset ≤ 9); channel shuffle has no ONNX op, the ncnn
 * exporter writes ShuffleChannel from the Reshape-Transpose-Reshape form.
 */
export const REWRITE_IDS = {
  // canonicalize / simplify
  'eliminate-identity': true,
  'eliminate-dropout': true,
  'eliminate-noop': true,
  'dedupe-initializers': true,
  'eliminate-common-subexpressions': true,
  'fold-constants': true,
  'fold-shape-arithmetic': true,
  // patch
  'freeze-input-shapes': true,
  'convert-opset': true,
  'int64-to-int32': true,
  // decompose
  'decompose-hardswish': true,
  'decompose-hardsigmoid': true,
  'decompose-gelu': true,
  'decompose-gelu-tanh': true,
  'decompose-mish': true,
  'decompose-silu': true,
  'decompose-softplus': true,
  'decompose-layernorm': true,
  'decompose-groupnorm': true,
  'decompose-instancenorm': true,
  'decompose-einsum': true,
  'decompose-prelu': true,
  'expand-to-tile': true,
  'split-to-slice': true,
  'upsample-to-resize': true,
  'resize-nearest-to-half-pixel': true,
  'resize-scales-to-sizes': true,
  'resize-sizes-to-scales': true,
  'softmax-to-last-axis': true,
  'gather-const-to-slice': true,
  'strided-slice-to-reshape': true,
  'slice-off-batch-axis': true,
  // fuse
  'fuse-conv-bn': true,
  'fuse-conv-add-mul': true,
  'fuse-matmul-add-gemm': true,
  'fuse-pad-into-conv': true,
  'fuse-pad-into-pool': true,
  'pool-ceil-to-pads': true,
  'cancel-transpose-pairs': true,
  'channel-shuffle-to-4d': true,
  'fuse-space-to-depth': true,
  'fuse-hardswish': true,
  'fuse-hardsigmoid': true,
  'fuse-gelu': true,
  'fuse-layernorm': true,
  'fuse-silu': true,
  'fuse-mish': true,
  'fuse-groupnorm': true,
  'broadcast-to-same-rank': true,
  'expand-caffe-detection-output': true,
} as const satisfies Record<string, boolean>;

export type RewriteId = keyof typeof REWRITE_IDS;
export const rewriteIds = Object.keys(REWRITE_IDS) as RewriteId[];
