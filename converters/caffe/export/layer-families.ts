/** The layer families the Caffe writer knows, in one explicit list. */
import type { LayerFamily } from './write-context.js';
import { convFamily } from './layers/conv.js';
import { poolFamily } from './layers/pool.js';
import { denseFamily } from './layers/dense.js';
import { normFamily } from './layers/norm.js';
import { activationFamily } from './layers/activation.js';
import { eltwiseFamily } from './layers/eltwise.js';
import { shapeFamily } from './layers/shape.js';
import { resizeFamily } from './layers/resize.js';
import { layerNormFamily } from './layers/layer-norm.js';
import { geluFamily } from './layers/gelu.js';
import { depthSpaceFamily, padFamily } from './layers/one-hot-conv.js';

export const LAYER_FAMILIES: LayerFamily[] = [
  convFamily,
  poolFamily,
  denseFamily,
  normFamily,
  activationFamily,
  eltwiseFamily,
  shapeFamily,
  resizeFamily,
  depthSpaceFamily,
  padFamily,
  layerNormFamily,
  geluFamily,
];

const BY_OP = new Map<string, LayerFamily>(LAYER_FAMILIES.flatMap((f) => f.ops.map((op) => [op, f] as const)));
export const familyOf = (op: string): LayerFamily | undefined => BY_OP.get(op);
