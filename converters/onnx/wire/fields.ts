/** The ONNX message table (converters/onnx/onnx-proto-fields.json): field numbers and types, as data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../src/package-root.js';

export type ScalarType =
  | 'int64'
  | 'int32'
  | 'uint64'
  | 'uint32'
  | 'sint64'
  | 'sint32'
  | 'bool'
  | 'enum'
  | 'float'
  | 'double'
  | 'string'
  | 'bytes';

export interface FieldSpec {
  /** onnx.proto's snake_case name. */
  name: string;
  /** The property name in decoded messages (camelCase, as protobuf's JS generators spell it). */
  key: string;
  number: number;
  /** A scalar type or the name of a message ("TensorProto", "TypeProto.Tensor"). */
  type: ScalarType | string;
  repeated: boolean;
  message: boolean;
}

export interface MessageSpec {
  name: string;
  /** Fields in field-number order (the order they are written). */
  fields: FieldSpec[];
  byNumber: Map<number, FieldSpec>;
}

interface FieldRow {
  name: string;
  number: number;
  type: string;
  repeated?: boolean;
}

const SCALARS = new Set(['int64', 'int32', 'uint64', 'uint32', 'sint64', 'sint32', 'bool', 'enum', 'float', 'double']);
const SCALARS_AND_BYTES = new Set([...SCALARS, 'string', 'bytes']);

export const camelCase = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

let table: Map<string, MessageSpec> | null = null;
let sourceNote = '';

function load(): Map<string, MessageSpec> {
  const raw = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'converters', 'onnx', 'onnx-proto-fields.json'), 'utf8')) as {
    source: string;
    messages: Record<string, FieldRow[]>;
  };
  sourceNote = raw.source;
  const out = new Map<string, MessageSpec>();
  for (const [name, rows] of Object.entries(raw.messages)) {
    const fields = rows
      .map((r) => ({
        name: r.name,
        key: camelCase(r.name),
        number: r.number,
        type: r.type,
        repeated: r.repeated === true,
        message: !SCALARS_AND_BYTES.has(r.type),
      }))
      .sort((a, b) => a.number - b.number);
    out.set(name, { name, fields, byNumber: new Map(fields.map((f) => [f.number, f])) });
  }
  for (const m of out.values())
    for (const f of m.fields)
      if (f.message && !out.has(f.type))
        throw new Error(`onnx-proto-fields.json: ${m.name}.${f.name}: unknown ${f.type}`);
  return out;
}

export function messageSpec(name: string): MessageSpec {
  table ??= load();
  const m = table.get(name);
  if (!m) throw new Error(`onnx-proto-fields.json has no message ${name}`);
  return m;
}

export function allMessageSpecs(): MessageSpec[] {
  table ??= load();
  return [...table.values()];
}

/** Where the table was taken from (the onnx.proto3 commit). */
export function fieldTableSource(): string {
  table ??= load();
  return sourceNote;
}

/** Numeric types whose repeated fields are packed (proto3's default). */
export const isPackable = (type: string): boolean => SCALARS.has(type);
