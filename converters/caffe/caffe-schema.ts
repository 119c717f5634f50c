/**
 * The Caffe message schema from opsets/caffe.json: BVLC caffe.proto's messages, the fork messages deployment nets
 * use, and fork fields added to BVLC messages (e.g. PoolingParameter.ceil_mode).
 */
import { readPackageJson } from '../../src/io/package-json.js';

export interface FieldDef {
  number: number | null;
  label: 'optional' | 'repeated' | 'required';
  type: string;
  default?: string | number | boolean;
  source?: string;
}
export interface MessageDef {
  source: string;
  fields: Record<string, FieldDef>;
  enums?: Record<string, Record<string, number>>;
}

let schema: Map<string, MessageDef> | undefined;

/** Message name → its fields (BVLC fields, then fork fields). */
export function caffeMessages(): Map<string, MessageDef> {
  if (schema) return schema;
  const raw = readPackageJson('opsets/caffe.json') as {
    messages: Record<string, MessageDef>;
    forkMessages: Record<string, MessageDef>;
    forkFields: Record<string, Record<string, FieldDef>>;
  };
  schema = new Map();
  for (const [name, m] of [...Object.entries(raw.messages), ...Object.entries(raw.forkMessages)])
    schema.set(name, { ...m, fields: { ...m.fields } });
  for (const [name, extra] of Object.entries(raw.forkFields)) {
    const m = schema.get(name);
    if (m) Object.assign(m.fields, extra);
  }
  return schema;
}

/** The message type a field of `message` holds, when it is a message the schema knows. */
export function fieldMessage(message: string, field: string): string | undefined {
  const type = caffeMessages().get(message)?.fields[field]?.type;
  return type && caffeMessages().has(type) ? type : undefined;
}
