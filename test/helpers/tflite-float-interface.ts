/**
 * A quantized .tflite model rewritten with a float32 interface, so LiteRT.js (whose graph I/O is float32, int32 or
 * uint8 only) runs its integer kernels: every int8/int16 graph input gets a float32 tensor and a QUANTIZE into the
 * original tensor (same scale and zero point), every int8/int16 graph output a DEQUANTIZE into a new float32 output.
 * Everything else (tensors, buffers, operators and their builtin options, read by field name through the option
 * tables of opsets/tflite.json) is written back unchanged with tflite-builder.ts.
 */
import { readFileSync } from 'node:fs';
import {
  readTflite,
  tfliteTable,
  type TflOperator,
  type TflQuant,
  type TflTensor,
} from '../../converters/tflite/read-model.js';
import type { Table } from '../../converters/tflite/flatbuffer-table.js';
import { buildTflite, type TflOpSpec, type TflOptionValue, type TflTensorSpec } from './tflite-builder.js';

const WRAPPED_TYPES = new Set(['INT8', 'INT16']);

export interface WrappedInterface {
  name: string;
  type: string;
  scale: number;
  zeroPoint: number;
  shape: number[];
}
export interface FloatInterfaceModel {
  bytes: Uint8Array;
  /** The original graph inputs/outputs (in order) and the quantization of those that were wrapped. */
  inputs: WrappedInterface[];
  outputs: WrappedInterface[];
}

/** A scalar or vector option field read as the builder writes it. */
function readField(t: Table, id: number, kind: string): TflOptionValue | undefined {
  if (!t.field(id)) return undefined;
  if (kind === 'float') return t.float(id);
  if (kind === 'byte' || kind === 'bool') return t.byte(id);
  if (kind === 'int') return t.int(id);
  if (kind === 'uint') return t.uint(id);
  if (kind === 'long') return t.long(id);
  if (kind === 'string') return t.string(id);
  if (kind === 'ints') return t.ints(id);
  if (kind === 'floats') return t.floats(id);
  if (kind === 'longs') return t.longs(id);
  if (kind === 'bytes') return Array.from(t.bytes(id) ?? []);
  throw new Error(`option kind ${kind} is not rewritten`);
}

function options(op: TflOperator): Record<string, TflOptionValue> | undefined {
  const tableName = tfliteTable().opOptions[op.op];
  if (!tableName || !op.options) return undefined;
  const out: Record<string, TflOptionValue> = {};
  for (const [name, f] of Object.entries(tfliteTable().optionTables[tableName]!.fields)) {
    const v = readField(op.options, f.id, f.kind);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

const quantSpec = (q: TflQuant | null) => (q ? { scale: q.scale, zeroPoint: q.zeroPoint, axis: q.axis } : undefined);

function interfaceOf(t: TflTensor): WrappedInterface {
  return {
    name: t.name,
    type: t.type,
    scale: t.quant?.scale[0] ?? 1,
    zeroPoint: t.quant?.zeroPoint[0] ?? 0,
    shape: t.shape,
  };
}

/** `outputs`: tensor names to expose instead of the graph outputs (intermediates, for locating a divergence). */
export function withFloatInterface(path: string, exposed?: string[]): FloatInterfaceModel {
  const m = readTflite(new Uint8Array(readFileSync(path)), path);
  if (m.subgraphs.length !== 1) throw new Error(`${path}: ${m.subgraphs.length} subgraphs (one is rewritten)`);
  const sg = m.subgraphs[0]!;
  const tensors: TflTensorSpec[] = sg.tensors.map((t) => {
    if (t.sparse || t.blockwise) throw new Error(`${path}: tensor ${t.name} is sparse or blockwise`);
    const data = t.buffer ? m.buffers[t.buffer]?.read() : undefined;
    return {
      name: t.name,
      type: t.type,
      shape: t.shape,
      ...(t.signature.length ? { signature: t.signature } : {}),
      ...(data ? { data: Uint8Array.from(data) } : {}),
      ...(t.quant ? { quant: quantSpec(t.quant) } : {}),
      ...(t.variable ? { variable: true } : {}),
    };
  });
  const operators: TflOpSpec[] = sg.operators.map((op) => ({
    op: op.op,
    version: op.version,
    inputs: op.inputs,
    outputs: op.outputs,
    options: options(op),
    ...(op.custom ? { custom: op.custom } : {}),
    ...(op.customOptions ? { customOptions: op.customOptions } : {}),
  }));
  const floatTwin = (i: number, suffix: string): number => {
    const t = sg.tensors[i]!;
    tensors.push({ name: `${t.name}${suffix}`, type: 'FLOAT32', shape: t.shape });
    return tensors.length - 1;
  };
  const inputs = sg.inputs.map((i) => {
    if (!WRAPPED_TYPES.has(sg.tensors[i]!.type)) return i;
    const f = floatTwin(i, '/float');
    operators.unshift({ op: 'QUANTIZE', inputs: [f], outputs: [i] });
    return f;
  });
  const outputIds = exposed ? exposed.map((n) => sg.tensors.findIndex((t) => t.name === n)) : sg.outputs;
  if (outputIds.includes(-1)) throw new Error(`${path}: no tensor named ${exposed![outputIds.indexOf(-1)]}`);
  const outputs = outputIds.map((i) => {
    if (!WRAPPED_TYPES.has(sg.tensors[i]!.type)) return i;
    const f = floatTwin(i, '/float');
    operators.push({ op: 'DEQUANTIZE', inputs: [i], outputs: [f] });
    return f;
  });
  return {
    bytes: buildTflite({ name: sg.name || 'main', tensors, inputs, outputs, operators }),
    inputs: sg.inputs.map((i) => interfaceOf(sg.tensors[i]!)),
    outputs: outputIds.map((i) => interfaceOf(sg.tensors[i]!)),
  };
}
