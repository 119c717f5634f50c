/** The params a foreign caffe.* node carries (JSON per prototxt field, as layer-map's foreign() stores them) back as a TextMessage. */
import type { Node } from '../../src/ir/node.js';
import { TextMessage, type Field } from './prototxt-parser.js';

function toField(v: unknown): Field {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const m = new TextMessage();
    for (const [k, x] of Object.entries(v)) for (const item of Array.isArray(x) ? x : [x]) m.add(k, toField(item));
    return m;
  }
  return v as Field;
}

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
