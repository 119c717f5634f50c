/** A layer with no exact ONNX equivalent (or unknown): kept as `caffe.<Type>` with its params as JSON attributes. */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import { attr } from '../../../src/ir/attr.js';
import { TextMessage, type Field } from '../prototxt-parser.js';
import type { LayerCtx } from './types.js';

const STRUCTURAL = new Set([
  'name',
  'type',
  'bottom',
  'top',
  'param',
  'blobs',
  'include',
  'exclude',
  'phase',
  'loss_weight',
  'propagate_down',
]);

export function foreign(c: LayerCtx, outputs = c.tops): Value[] {
  const attrs: Attrs = new Map();
  for (const [k, vs] of c.p.fields) {
    if (STRUCTURAL.has(k)) continue;
    attrs.set(k, attr.string(JSON.stringify(vs.map(plain))));
  }
  return c.node(c.type, c.inputs, attrs, 'caffe', Math.max(1, outputs));
}

function plain(f: Field): unknown {
  if (f instanceof TextMessage)
    return Object.fromEntries([...f.fields].map(([k, v]) => [k, v.length === 1 ? plain(v[0]!) : v.map(plain)]));
  return typeof f === 'object' && 'enum' in f ? f.enum : f;
}
