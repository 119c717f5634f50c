/**
 * Shapes of decoded ONNX messages (onnx-proto-fields.json, camelCase keys). Every field is optional,
 * as on the wire; int64 fields are numbers (bigint past 2^53); `$unknown` keeps fields the table does
 * not know, byte for byte. Messages the importer passes through untouched are plain `Message`s.
 */
import type { Message } from './wire/decode.js';
import type { Deferred } from './wire/encode.js';

export type { Message };
export type Int64 = number | bigint | { toString(): string };
/** A bytes payload: in memory, or left in the file (read when written or used). */
export type Payload = Uint8Array | Deferred;

export interface StringStringEntryProto {
  key?: string | null;
  value?: string | null;
}

export interface OperatorSetIdProto {
  domain?: string | null;
  version?: Int64 | null;
}

export interface TensorProto {
  dims?: Int64[] | null;
  dataType?: number | null;
  segment?: object | null;
  floatData?: number[] | Deferred | null;
  int32Data?: number[] | null;
  stringData?: Uint8Array[] | null;
  int64Data?: Int64[] | null;
  name?: string | null;
  rawData?: Payload | null;
  doubleData?: number[] | Deferred | null;
  uint64Data?: Int64[] | null;
  docString?: string | null;
  externalData?: StringStringEntryProto[] | null;
  dataLocation?: number | null;
  metadataProps?: StringStringEntryProto[] | null;
}

export interface SparseTensorProto {
  values?: TensorProto | null;
  indices?: TensorProto | null;
  dims?: Int64[] | null;
}

export interface DimensionProto {
  dimValue?: Int64 | null;
  dimParam?: string | null;
  denotation?: string | null;
}

export interface TensorTypeProto {
  elemType?: number | null;
  shape?: { dim?: DimensionProto[] | null } | null;
}

export interface TypeProto {
  tensorType?: TensorTypeProto | null;
  sparseTensorType?: TensorTypeProto | null;
  sequenceType?: object | null;
  mapType?: object | null;
  optionalType?: object | null;
  opaqueType?: object | null;
  denotation?: string | null;
}

export interface ValueInfoProto {
  name?: string | null;
  type?: TypeProto | null;
  docString?: string | null;
  metadataProps?: StringStringEntryProto[] | null;
}

export interface AttributeProto {
  name?: string | null;
  refAttrName?: string | null;
  docString?: string | null;
  type?: number | null;
  f?: number | null;
  i?: Int64 | null;
  s?: Uint8Array | null;
  t?: TensorProto | null;
  g?: GraphProto | null;
  sparseTensor?: SparseTensorProto | null;
  tp?: TypeProto | null;
  floats?: number[] | null;
  ints?: Int64[] | null;
  strings?: Uint8Array[] | null;
  tensors?: TensorProto[] | null;
  graphs?: GraphProto[] | null;
  sparseTensors?: SparseTensorProto[] | null;
  typeProtos?: TypeProto[] | null;
}

export interface NodeProto {
  input?: string[] | null;
  output?: string[] | null;
  name?: string | null;
  opType?: string | null;
  domain?: string | null;
  overload?: string | null;
  attribute?: AttributeProto[] | null;
  docString?: string | null;
  metadataProps?: StringStringEntryProto[] | null;
  deviceConfigurations?: object[] | null;
}

export interface GraphProto {
  node?: NodeProto[] | null;
  name?: string | null;
  initializer?: TensorProto[] | null;
  sparseInitializer?: SparseTensorProto[] | null;
  docString?: string | null;
  input?: ValueInfoProto[] | null;
  output?: ValueInfoProto[] | null;
  valueInfo?: ValueInfoProto[] | null;
  quantizationAnnotation?: object[] | null;
  metadataProps?: StringStringEntryProto[] | null;
}

export interface ModelProto {
  irVersion?: Int64 | null;
  opsetImport?: OperatorSetIdProto[] | null;
  producerName?: string | null;
  producerVersion?: string | null;
  domain?: string | null;
  modelVersion?: Int64 | null;
  docString?: string | null;
  graph?: GraphProto | null;
  metadataProps?: StringStringEntryProto[] | null;
  trainingInfo?: object[] | null;
  functions?: object[] | null;
  configuration?: object[] | null;
}

/** int64 fields as JS numbers (what the IR uses). */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && typeof v === 'object' && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

/** The fields of `msg` other than `mapped` (what the IR does not model, carried through to the writer). */
export function restOf(msg: object, mapped: readonly string[]): Message | null {
  let rest: Message | null = null;
  // for…in over a decoded message (a plain object): its own fields in order, without an [key, value] pair each
  for (const k in msg) {
    const v = (msg as Record<string, unknown>)[k];
    if (!mapped.includes(k) && v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
      (rest ??= {})[k] = v;
  }
  return rest;
}
