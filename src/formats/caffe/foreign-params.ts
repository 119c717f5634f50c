/**
 * How a foreign `caffe.<Type>` node carries its layer's params: one string attribute per prototxt field, holding
 * the JSON of its values (a message as an object, an enum as its identifier). The Caffe importer writes them
 * (`foreignAttrs`); rewrites and exporters read them back as a TextMessage (`foreignParams`).
 */
import type { Node } from '../../ir/node.js';
import { attr, type Attrs } from '../../ir/attr.js';
import { TextMessage, type Field } from './text-message.js';

/** Fields every layer has (graph structure, training settings): not params. */
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

function plain(f: Field): unknown {
  if (f instanceof TextMessage)
    return Object.fromEntries([...f.fields].map(([k, v]) => [k, v.length === 1 ? plain(v[0]!) : v.map(plain)]));
  return typeof f === 'object' && 'enum' in f ? f.enum : f;
}

/** The attributes of a foreign node for a layer whose prototxt message is `p`. */
export function foreignAttrs(p: TextMessage): Attrs {
  const attrs: Attrs = new Map();
  for (const [k, vs] of p.fields) {
    if (STRUCTURAL.has(k)) continue;
    attrs.set(k, attr.string(JSON.stringify(vs.map(plain))));
  }
  return attrs;
}

function toField(v: unknown): Field {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const m = new TextMessage();
    for (const [k, x] of Object.entries(v)) for (const item of Array.isArray(x) ? x : [x]) m.add(k, toField(item));
    return m;
  }
  return v as Field;
}

/** The params of a foreign node, back as the TextMessage they were written from. */
export function foreignParams(n: Node): TextMessage {
  const m = new TextMessage();
  for (const [k, a] of n.attrs) {
    if (a.type !== 'string') continue;
    let values: unknown;
    try {
      values = JSON.parse(a.value);
    } catch {
      continue;
    }
    for (const v of Array.isArray(values) ? values : [values]) m.add(k, toField(v));
  }
  return m;
}
