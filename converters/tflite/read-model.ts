/** The TFLite flatbuffer as plain records (schema.fbs field ids), every access bounds-checked. */
import { readPackageJson } from '../../src/io/package-json.js';
import { FbReader, type Table } from './flatbuffer-table.js';
import type { FlatBytes } from './flat-bytes.js';
import type { ByteSource } from '../../src/ir/tensor.js';

/** One field of an option table: flatbuffer id, schema type, how it is read, default, enum name. */
export interface TflOptionField {
  id: number;
  type: string;
  kind: string;
  default?: number | boolean;
  enum?: string;
  deprecated?: boolean;
}
export interface TflTable {
  source: { url: string; commit: string; sha256: string };
  schemaFacts: {
    builtinOperatorCount: number;
    maxBuiltinCode: number;
    deprecatedBuiltins: string[];
    builtinOptionsCount: number;
    builtinOptions2Count: number;
  };
  builtinOperators: Record<string, string>;
  /** Builtin name → its option table. */
  opOptions: Record<string, string>;
  /** Option table → its union (BuiltinOptions or BuiltinOptions2), union type code and fields by name. */
  optionTables: Record<string, { union: string; index: number; fields: Record<string, TflOptionField> }>;
  mirrorPadMode: Record<string, string>;
  tensorTypes: Record<string, string>;
  padding: Record<string, string>;
  activation: Record<string, string>;
  options: Record<string, Record<string, [number, string, number?]>>;
}
let tableCache: TflTable | undefined;
export function tfliteTable(): TflTable {
  tableCache ??= readPackageJson<TflTable>('opsets/tflite.json');
  return tableCache;
}

export interface TflQuant {
  scale: number[];
  zeroPoint: number[];
  axis: number;
  min: number[];
  max: number[];
}
/** schema.fbs SparsityParameters / DimensionMetadata (format 0 = DENSE, 1 = SPARSE_CSR). */
export interface TflSparsity {
  traversalOrder: number[];
  blockMap: number[];
  dims: { format: 'DENSE' | 'SPARSE_CSR'; denseSize: number; segments: number[]; indices: number[] }[];
}
/** schema.fbs BlockwiseQuantization (QuantizationDetails union type 2): tensor indices of the per-block scales and zero points (-1: zero), block size along the last axis. */
export interface TflBlockwise {
  scales: number;
  zeroPoints: number;
  blockSize: number;
}
export interface TflTensor {
  name: string;
  shape: number[];
  signature: number[];
  type: string;
  buffer: number;
  quant: TflQuant | null;
  blockwise: TflBlockwise | null;
  variable: boolean;
  sparse: boolean;
  sparsity: TflSparsity | null;
}
export interface TflOperator {
  op: string;
  custom: string;
  version: number;
  inputs: number[];
  outputs: number[];
  options: Table | null;
  customOptions: Uint8Array | null;
}
export interface TflSubgraph {
  name: string;
  tensors: TflTensor[];
  inputs: number[];
  outputs: number[];
  operators: TflOperator[];
}
export interface TflModel {
  version: number;
  description: string;
  subgraphs: TflSubgraph[];
  /** Each buffer's data as a span of the file (read when its tensor is used), or null when empty. */
  buffers: (ByteSource | null)[];
  signatures: TflSignature[];
}
/** schema.fbs SignatureDef: a named entry point (subgraph) with named input and output tensors. */
export interface TflSignature {
  key: string;
  subgraph: number;
  inputs: { name: string; tensor: number }[];
  outputs: { name: string; tensor: number }[];
}

/** SparseIndexVector union (type field, value table field): 1 Int32Vector, 2 Uint16Vector, 3 Uint8Vector, each { values }. */
function indexVector(d: Table, typeId: number, valueId: number): number[] {
  const v = d.table(valueId);
  if (!v) return [];
  const type = d.byte(typeId);
  return type === 1 ? v.ints(0) : type === 2 ? v.ushorts(0) : type === 3 ? Array.from(v.bytes(0) ?? []) : [];
}
function sparsity(sp: Table | null): TflSparsity | null {
  if (!sp) return null;
  return {
    traversalOrder: sp.ints(0),
    blockMap: sp.ints(1),
    dims: sp.tables(2).map((d) => ({
      format: d.byte(0) === 1 ? 'SPARSE_CSR' : 'DENSE',
      denseSize: d.int(1),
      segments: indexVector(d, 2, 3),
      indices: indexVector(d, 4, 5),
    })),
  };
}

/** QuantizationParameters: details_type 4, details 5; BlockwiseQuantization: scales 0, zero_points 1, block_size 2. */
const BLOCKWISE_DETAILS = 2;
function blockwise(q: Table | null): TflBlockwise | null {
  const d = q && q.byte(4) === BLOCKWISE_DETAILS ? q.table(5) : null;
  return d ? { scales: d.int(0), zeroPoints: d.int(1, -1), blockSize: d.int(2) } : null;
}

export function readTflite(source: Uint8Array | FlatBytes, file: string): TflModel {
  const r = new FbReader(source, file);
  if (r.size < 8 || new TextDecoder().decode(r.slice(4, 4)) !== 'TFL3') r.fail('missing the TFL3 file identifier');
  const m = r.root();
  const t = tfliteTable();
  const codes = m.tables(1).map((c) => {
    const dep = c.sbyte(0);
    const code = Math.max(dep, c.int(3));
    return { op: t.builtinOperators[String(code)] ?? `BUILTIN_${code}`, custom: c.string(1), version: c.int(2, 1) };
  });
  const buffers = m.tables(4).map((b) => {
    const data = b.byteSpan(0);
    if (data && data.byteLength) return data;
    const off = b.long(1),
      size = b.long(2);
    if (off > 1 && size > 0) {
      return r.span(off, size);
    }
    return null;
  });
  const subgraphs = m.tables(2).map((sg): TflSubgraph => ({
    name: sg.string(4),
    tensors: sg.tables(0).map((tt) => {
      const q = tt.table(4);
      const quant =
        q && q.floats(2).length
          ? { scale: q.floats(2), zeroPoint: q.longs(3), axis: q.int(6), min: q.floats(0), max: q.floats(1) }
          : null;
      return {
        name: tt.string(3),
        shape: tt.ints(0),
        signature: tt.ints(7),
        type: t.tensorTypes[String(tt.byte(1))] ?? 'UNKNOWN',
        buffer: tt.uint(2),
        quant,
        blockwise: blockwise(q),
        variable: tt.bool(5),
        sparse: !!tt.table(6),
        sparsity: sparsity(tt.table(6)),
      };
    }),
    inputs: sg.ints(1),
    outputs: sg.ints(2),
    operators: sg.tables(3).map((o) => {
      const c = codes[o.uint(0)];
      if (!c) r.fail(`operator code index ${o.uint(0)} out of range`);
      return {
        ...c!,
        inputs: o.ints(1),
        outputs: o.ints(2),
        options: o.table(4) ?? o.table(12),
        customOptions: o.bytes(5),
      };
    }),
  }));
  // SignatureDef: inputs 0, outputs 1 (TensorMap: name 0, tensor_index 1), signature_key 2, subgraph_index 4
  const tensorMap = (x: Table) => ({ name: x.string(0), tensor: x.uint(1) });
  const signatures = m.tables(7).map((s) => ({
    key: s.string(2) || s.string(3),
    subgraph: s.uint(4),
    inputs: s.tables(0).map(tensorMap),
    outputs: s.tables(1).map(tensorMap),
  }));
  for (const s of signatures) {
    const sg = subgraphs[s.subgraph];
    if (!sg) r.fail(`signature '${s.key}' names subgraph ${s.subgraph} of ${subgraphs.length}`);
    for (const x of [...s.inputs, ...s.outputs])
      if (x.tensor >= sg!.tensors.length)
        r.fail(`signature '${s.key}' names tensor ${x.tensor} of ${sg!.tensors.length}`);
  }
  for (const sg of subgraphs)
    for (const tn of sg.tensors)
      if (tn.buffer >= buffers.length && tn.buffer !== 0)
        r.fail(`tensor '${tn.name}' uses buffer ${tn.buffer} of ${buffers.length}`);
  for (const sg of subgraphs)
    for (const o of sg.operators)
      for (const i of [...o.inputs, ...o.outputs])
        if (i >= sg.tensors.length) r.fail(`operator ${o.op} uses tensor ${i} of ${sg.tensors.length}`);
  return { version: m.uint(0), description: m.string(3), subgraphs, buffers, signatures };
}
