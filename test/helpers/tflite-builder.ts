/**
 * Builds small .tflite flatbuffers (one or a few operators) with the `flatbuffers` Builder, for op
 * conformance tests. Field ids are those of TFLite's schema.fbs (Model, SubGraph, Tensor, Operator,
 * OperatorCode, Buffer, QuantizationParameters); builtin options are written by field name through the
 * option tables of opsets/tflite.json.
 */
import { Builder } from 'flatbuffers';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { tfliteTable } from '../../converters/tflite/read-model.js';
import { TFL_DTYPE } from '../../converters/tflite/tensor-data.js';

export interface TflQuantSpec {
  scale: number[];
  zeroPoint: number[];
  /** Quantized dimension of per-axis quantization. */
  axis?: number;
  /** BlockwiseQuantization details: tensor indices of the scales and zero points (-1: none), block size. */
  blockwise?: { scales: number; zeroPoints: number; blockSize: number };
}
export interface TflTensorSpec {
  name?: string;
  /** TensorType name: FLOAT32, INT8, UINT8, INT16, INT32, INT64, BOOL, … */
  type: string;
  shape: number[];
  /** Constant data (numbers in the tensor's type, or raw bytes). */
  data?: ArrayLike<number> | Uint8Array;
  quant?: TflQuantSpec;
  /** shape_signature (−1 = dynamic). */
  signature?: number[];
  /** is_variable: state kept across invocations (recurrent states, resource variables). */
  variable?: boolean;
}
export type TflOptionValue = number | boolean | string | number[];
export interface TflOpSpec {
  /** Builtin name (schema BuiltinOperator), or CUSTOM with `custom`. */
  op: string;
  custom?: string;
  version?: number;
  inputs: number[];
  outputs: number[];
  /** Builtin options by field name (enum fields also by enum value name, e.g. padding: 'VALID'). */
  options?: Record<string, TflOptionValue>;
  customOptions?: Uint8Array;
}
export interface TflSubgraphSpec {
  name?: string;
  tensors: TflTensorSpec[];
  inputs: number[];
  outputs: number[];
  operators: TflOpSpec[];
}
/** A named entry point: the subgraph it runs and its named input/output tensors (indices in that subgraph). */
export interface TflSignatureSpec {
  key: string;
  subgraph: number;
  inputs: [string, number][];
  outputs: [string, number][];
}
/** The model: subgraph 0 (the fields below), further subgraphs 1…n, signatures. */
export interface TflModelSpec extends TflSubgraphSpec {
  description?: string;
  subgraphs?: TflSubgraphSpec[];
  signatures?: TflSignatureSpec[];
}

const codeOf = (table: Record<string, string>, name: string): number => {
  const hit = Object.entries(table).find(([, n]) => n === name);
  if (!hit) throw new Error(`unknown TFLite name ${name}`);
  return Number(hit[0]);
};

function tensorBytes(t: TflTensorSpec): Uint8Array {
  if (t.data instanceof Uint8Array) return t.data;
  const dtype = TFL_DTYPE[t.type];
  if (!dtype) throw new Error(`no IR dtype for ${t.type}`);
  return numbersToBytes(dtype, t.data!);
}

function enumValue(field: { enum?: string }, v: string): number {
  const t = tfliteTable();
  const table =
    field.enum === 'Padding'
      ? t.padding
      : field.enum === 'ActivationFunctionType'
        ? t.activation
        : field.enum === 'MirrorPadMode'
          ? t.mirrorPadMode
          : field.enum === 'TensorType'
            ? t.tensorTypes
            : null;
  if (!table) throw new Error(`enum ${field.enum} is not in opsets/tflite.json: give the number`);
  return codeOf(table, v);
}

/** Writes an op's builtin options table; returns [union name, union type code, offset] or null. */
function writeOptions(b: Builder, op: TflOpSpec): [string, number, number] | null {
  const t = tfliteTable();
  const tableName = t.opOptions[op.op];
  if (!tableName) {
    if (op.options && Object.keys(op.options).length) throw new Error(`${op.op} has no option table`);
    return null;
  }
  const table = t.optionTables[tableName]!;
  const given = Object.entries(op.options ?? {}).map(([name, v]) => {
    const f = table.fields[name];
    if (!f) throw new Error(`${tableName} has no field ${name}`);
    return { f, v };
  });
  const vectors = new Map<number, number>();
  for (const { f, v } of given)
    if (Array.isArray(v))
      vectors.set(f.id, f.kind === 'bytes' ? b.createByteVector(Uint8Array.from(v)) : numberVector(b, f.kind, v));
    else if (f.kind === 'string') vectors.set(f.id, b.createString(String(v)));
  const nFields = Math.max(0, ...Object.values(table.fields).map((f) => f.id + 1));
  b.startObject(nFields);
  for (const { f, v } of given) {
    if (vectors.has(f.id)) {
      b.addFieldOffset(f.id, vectors.get(f.id)!, 0);
      continue;
    }
    const n = typeof v === 'string' ? enumValue(f, v) : Number(v);
    if (f.kind === 'float') b.addFieldFloat32(f.id, n, null);
    else if (f.kind === 'bool' || f.kind === 'byte') b.addFieldInt8(f.id, n, null);
    else if (f.kind === 'short') b.addFieldInt16(f.id, n, null);
    else if (f.kind === 'long') b.addFieldInt64(f.id, BigInt(n), null);
    else if (f.kind === 'int' || f.kind === 'uint') b.addFieldInt32(f.id, n, null);
    else throw new Error(`${tableName}.${f.id}: cannot write a ${f.type} option`);
  }
  return [table.union, table.index, b.endObject()];
}

function numberVector(b: Builder, kind: string, v: number[]): number {
  return kind === 'longs' ? longVector(b, v) : kind === 'floats' ? floatVector(b, v) : intVector(b, v);
}
function longVector(b: Builder, v: number[]): number {
  b.startVector(8, v.length, 8);
  for (let i = v.length - 1; i >= 0; i--) b.addInt64(BigInt(v[i]!));
  return b.endVector();
}
function intVector(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addInt32(v[i]!);
  return b.endVector();
}
function floatVector(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addFloat32(v[i]!);
  return b.endVector();
}
function offsetVector(b: Builder, v: number[]): number {
  b.startVector(4, v.length, 4);
  for (let i = v.length - 1; i >= 0; i--) b.addOffset(v[i]!);
  return b.endVector();
}

function writeQuant(b: Builder, q: TflQuantSpec): number {
  const scale = floatVector(b, q.scale),
    zp = longVector(b, q.zeroPoint);
  let details = 0;
  if (q.blockwise) {
    b.startObject(3);
    b.addFieldInt32(0, q.blockwise.scales, null);
    b.addFieldInt32(1, q.blockwise.zeroPoints, null);
    b.addFieldInt32(2, q.blockwise.blockSize, null);
    details = b.endObject();
  }
  b.startObject(7);
  b.addFieldOffset(2, scale, 0);
  b.addFieldOffset(3, zp, 0);
  b.addFieldInt32(6, q.axis ?? 0, 0);
  if (details) {
    b.addFieldInt8(4, 2, 0); // QuantizationDetails union: BlockwiseQuantization
    b.addFieldOffset(5, details, 0);
  }
  return b.endObject();
}

/** The model as .tflite bytes (schema version 3; buffer 0 is the empty sentinel). */
export function buildTflite(spec: TflModelSpec): Uint8Array {
  const t = tfliteTable();
  const b = new Builder(4096);
  const graphs: TflSubgraphSpec[] = [{ ...spec, name: spec.name ?? 'main' }, ...(spec.subgraphs ?? [])];
  // buffers: 0 = empty, then one per constant tensor (of every subgraph)
  const bufferOffsets: number[] = [];
  const emptyBuffer = (): number => {
    b.startObject(3);
    return b.endObject();
  };
  bufferOffsets.push(emptyBuffer());
  const bufferOf = graphs.map((g) =>
    g.tensors.map((tensor) => {
      if (tensor.data === undefined) return 0;
      const bytes = tensorBytes(tensor);
      b.startVector(1, bytes.length, 16);
      for (let i = bytes.length - 1; i >= 0; i--) b.addInt8(bytes[i]!);
      const vec = b.endVector();
      b.startObject(3);
      b.addFieldOffset(0, vec, 0);
      bufferOffsets.push(b.endObject());
      return bufferOffsets.length - 1;
    }),
  );
  // operator codes: one per distinct (op, custom, version)
  const codeKeys: string[] = [];
  const codeIndex = (op: TflOpSpec): number => {
    const key = `${op.op}/${op.custom ?? ''}/${op.version ?? 1}`;
    if (!codeKeys.includes(key)) codeKeys.push(key);
    return codeKeys.indexOf(key);
  };
  const subgraphs = graphs.map((g, k) => {
    const tensors = g.tensors.map((tensor, i) => {
      const name = b.createString(tensor.name ?? `t${i}`);
      const shape = intVector(b, tensor.shape);
      const signature = tensor.signature ? intVector(b, tensor.signature) : 0;
      const quant = tensor.quant ? writeQuant(b, tensor.quant) : 0;
      b.startObject(8);
      b.addFieldOffset(0, shape, 0);
      b.addFieldInt8(1, codeOf(t.tensorTypes, tensor.type), null);
      b.addFieldInt32(2, bufferOf[k]![i]!, null);
      b.addFieldOffset(3, name, 0);
      if (quant) b.addFieldOffset(4, quant, 0);
      if (tensor.variable) b.addFieldInt8(5, 1, 0);
      if (signature) b.addFieldOffset(7, signature, 0);
      return b.endObject();
    });
    const operators = g.operators.map((op) => {
      const inputs = intVector(b, op.inputs),
        outputs = intVector(b, op.outputs);
      const custom = op.customOptions ? b.createByteVector(op.customOptions) : 0;
      const options = writeOptions(b, op);
      const index = codeIndex(op);
      b.startObject(13);
      b.addFieldInt32(0, index, null);
      b.addFieldOffset(1, inputs, 0);
      b.addFieldOffset(2, outputs, 0);
      if (options && options[0] === 'BuiltinOptions') {
        b.addFieldInt8(3, options[1], null);
        b.addFieldOffset(4, options[2], 0);
      } else if (options) {
        b.addFieldInt8(11, options[1], null);
        b.addFieldOffset(12, options[2], 0);
      }
      if (custom) b.addFieldOffset(5, custom, 0);
      return b.endObject();
    });
    const sgName = b.createString(g.name ?? `subgraph${k}`);
    const tensorVec = offsetVector(b, tensors),
      inputVec = intVector(b, g.inputs),
      outputVec = intVector(b, g.outputs),
      opVec = offsetVector(b, operators);
    b.startObject(5);
    b.addFieldOffset(0, tensorVec, 0);
    b.addFieldOffset(1, inputVec, 0);
    b.addFieldOffset(2, outputVec, 0);
    b.addFieldOffset(3, opVec, 0);
    b.addFieldOffset(4, sgName, 0);
    return b.endObject();
  });
  const codes = codeKeys.map((key) => {
    const [name, custom, version] = key.split('/');
    const code = codeOf(t.builtinOperators, name!);
    const customName = custom ? b.createString(custom) : 0;
    b.startObject(4);
    b.addFieldInt8(0, Math.min(code, 127), null); // deprecated_builtin_code: codes ≥ 127 live in builtin_code
    if (customName) b.addFieldOffset(1, customName, 0);
    b.addFieldInt32(2, Number(version), null);
    b.addFieldInt32(3, code, null);
    return b.endObject();
  });
  const signatures = (spec.signatures ?? []).map((sig) => writeSignature(b, sig));
  const codeVec = offsetVector(b, codes),
    sgVec = offsetVector(b, subgraphs),
    bufVec = offsetVector(b, bufferOffsets),
    sigVec = signatures.length ? offsetVector(b, signatures) : 0,
    desc = b.createString(spec.description ?? 'convcheck test model');
  b.startObject(8);
  b.addFieldInt32(0, 3, null);
  b.addFieldOffset(1, codeVec, 0);
  b.addFieldOffset(2, sgVec, 0);
  b.addFieldOffset(3, desc, 0);
  b.addFieldOffset(4, bufVec, 0);
  if (sigVec) b.addFieldOffset(7, sigVec, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array();
}

/** SignatureDef: inputs 0, outputs 1 (TensorMap: name 0, tensor_index 1), signature_key 2, subgraph_index 4. */
function writeSignature(b: Builder, sig: TflSignatureSpec): number {
  const tensorMaps = (entries: [string, number][]) =>
    offsetVector(
      b,
      entries.map(([name, tensor]) => {
        const n = b.createString(name);
        b.startObject(2);
        b.addFieldOffset(0, n, 0);
        b.addFieldInt32(1, tensor, null);
        return b.endObject();
      }),
    );
  const inputs = tensorMaps(sig.inputs),
    outputs = tensorMaps(sig.outputs),
    key = b.createString(sig.key);
  b.startObject(5);
  b.addFieldOffset(0, inputs, 0);
  b.addFieldOffset(1, outputs, 0);
  b.addFieldOffset(2, key, 0);
  b.addFieldInt32(4, sig.subgraph, null);
  return b.endObject();
}

/** A model of one operator: tensors without data are graph inputs (in order), the op's outputs are graph outputs. */
export function singleOpModel(op: {
  op: string;
  inputs: TflTensorSpec[];
  outputs: TflTensorSpec[];
  options?: Record<string, TflOptionValue>;
  version?: number;
  custom?: string;
  customOptions?: Uint8Array;
}): TflModelSpec {
  const tensors = [...op.inputs, ...op.outputs].map((t, i) => ({ name: `t${i}`, ...t }));
  const inputs = op.inputs.map((_, i) => i);
  const outputs = op.outputs.map((_, i) => op.inputs.length + i);
  return {
    tensors,
    inputs: inputs.filter((i) => tensors[i]!.data === undefined),
    outputs,
    operators: [
      {
        op: op.op,
        inputs,
        outputs,
        options: op.options,
        version: op.version,
        custom: op.custom,
        customOptions: op.customOptions,
      },
    ],
  };
}
