/** A layer with no exact ONNX equivalent (or unknown): kept as `caffe.<Type>` with its params as JSON attributes. */
import type { Value } from '../../../src/ir/value.js';
import { foreignAttrs } from '../../../src/formats/caffe/foreign-params.js';
import type { LayerCtx } from './types.js';

export function foreign(c: LayerCtx, outputs = c.tops): Value[] {
  return c.node(c.type, c.inputs, foreignAttrs(c.p), 'caffe', Math.max(1, outputs));
}
