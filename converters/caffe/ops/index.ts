/** Every Caffe layer family convcheck imports, in one explicit ordered list; `layerOp(type)` finds a type's record. */
import { ACTIVATION_OPS } from './activation.js';
import { CONV_OPS } from './conv.js';
import { DETECTION_OPS } from './detection.js';
import { PASS_THROUGH_OPS } from './pass-through.js';
import { ELTWISE_OPS } from './eltwise.js';
import { INNER_PRODUCT_OPS } from './inner-product.js';
import { NORMALIZATION_OPS } from './normalization.js';
import { POOLING_OPS } from './pooling.js';
import { RECURRENT_OPS } from './recurrent.js';
import { REDUCTION_OPS } from './reduction.js';
import { RESIZE_OPS } from './resize.js';
import { SCALE_BIAS_OPS } from './scale-bias.js';
import { SHAPE_OPS } from './shape-ops.js';
import type { CaffeLayerOp } from './types.js';

export const CAFFE_OPS: readonly CaffeLayerOp[] = [
  ...CONV_OPS,
  ...POOLING_OPS,
  ...INNER_PRODUCT_OPS,
  ...ACTIVATION_OPS,
  ...NORMALIZATION_OPS,
  ...SCALE_BIAS_OPS,
  ...ELTWISE_OPS,
  ...SHAPE_OPS,
  ...REDUCTION_OPS,
  ...RESIZE_OPS,
  ...DETECTION_OPS,
  ...PASS_THROUGH_OPS,
  ...RECURRENT_OPS,
];

let byType: Map<string, CaffeLayerOp> | undefined;
export function layerOp(type: string): CaffeLayerOp | undefined {
  if (!byType) {
    byType = new Map();
    for (const op of CAFFE_OPS)
      for (const t of op.types) {
        if (byType.has(t)) throw new Error(`Caffe layer type ${t} is registered twice`);
        byType.set(t, op);
      }
  }
  return byType.get(type);
}
