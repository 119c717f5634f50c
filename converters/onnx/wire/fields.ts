/** The ONNX message table (converters/onnx/onnx-proto-fields.json): field numbers and types, as data. */
import { readPackageJson } from '../../../src/io/package-json.js';

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

interface FieldTable {
  source: string;
  messages: Record<string, FieldRow[]>;
}

let raw: FieldTable | null = null;
/** Each message's spec, built when first asked for (a decode meets a handful of the table's messages). */
const specs = new Map<string, MessageSpec>();

function fieldTable(): FieldTable {
  raw ??= readPackageJson<FieldTable>('converters/onnx/onnx-proto-fields.json');
  return raw;
}

function buildSpec(name: string, rows: FieldRow[]): MessageSpec {
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
  for (const f of fields)
    if (f.message && !Object.hasOwn(fieldTable().messages, f.type))
      throw new Error(`onnx-proto-fields.json: ${name}.${f.name}: unknown ${f.type}`);
  return { name, fields, byNumber: new Map(fields.map((f) => [f.number, f])) };
}

export function messageSpec(name: string): MessageSpec {
  let m = specs.get(name);
  if (!m) {
    const rows = fieldTable().messages;
    if (!Object.hasOwn(rows, name)) throw new Error(`onnx-proto-fields.json has no message ${name}`);
    m = buildSpec(name, rows[name]!);
    specs.set(name, m);
  }
  return m;
}

export function allMessageSpecs(): MessageSpec[] {
  return Object.keys(fieldTable().messages).map(messageSpec);
}

/** Where the table was taken from (the onnx.proto3 commit). */
export function fieldTableSource(): string {
  return fieldTable().source;
}

/** Numeric types whose repeated fields are packed (proto3's default). */
export const isPackable = (type: string): boolean => SCALARS.has(type);
