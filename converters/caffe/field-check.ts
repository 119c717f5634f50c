/**
 * Fields a layer sets that neither BVLC caffe.proto nor a known fork defines: Caffe itself would refuse the net,
 * a fork may give them a meaning convcheck does not know, so each one is reported, never silently ignored.
 */
import { TextMessage } from './prototxt-parser.js';
import { caffeMessages, fieldMessage } from './caffe-schema.js';

/** Dotted paths (`pooling_param.foo`) of the fields of `msg` (a `message`) that the schema does not know. */
export function unknownFields(msg: TextMessage, message: string, prefix = ''): string[] {
  const def = caffeMessages().get(message);
  if (!def) return [];
  const out: string[] = [];
  for (const [name, values] of msg.fields) {
    const path = `${prefix}${name}`;
    if (!def.fields[name]) {
      out.push(path);
      continue;
    }
    const sub = fieldMessage(message, name);
    if (!sub) continue;
    for (const v of values) if (v instanceof TextMessage) out.push(...unknownFields(v, sub, `${path}.`));
  }
  return [...new Set(out)];
}
