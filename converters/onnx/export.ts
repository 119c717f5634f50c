import { basename } from 'node:path';
import type { Model } from '../../src/ir/model.js';
import type { Graph } from '../../src/ir/graph.js';
import type { Attr } from '../../src/ir/attr.js';
import type { Tensor } from '../../src/ir/tensor.js';
import type { Value } from '../../src/ir/value.js';
import { dtypeCode } from '../../src/ir/dtype.js';
import { writeFilesAtomic, type Chunk, type FileToWrite } from '../../src/io/atomic-write.js';
import { ReusableBuffer } from '../../src/io/reusable-buffer.js';
import { exportProgress } from '../export-progress.js';
import type { ExportOptions } from '../converter.js';
import { inferShapes } from '../../src/shape/infer.js';
import type { Message } from './proto-types.js';
import { typeProtoOf } from './type-proto.js';
import { encodeMessage, isDeferred, joinPieces, type Deferred, type Piece } from './wire/encode.js';
import { minIrVersion } from './ir-version.js';
import { cloneModel } from '../../src/ir/clone.js';

const utf8 = new TextEncoder();
/** Protobuf messages cannot exceed 2 GB: past this, tensors go to an external data file. */
const PROTO_LIMIT = 2 ** 31 - 1 - (64 << 20);
/** With external data, tensors smaller than this stay inline (as onnx's own writer does by default). */
const EXTERNAL_MIN_BYTES = 1024;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** An int64 written exactly: safe integers as they are, others clamped to the int64 range. */
function i64(v: number): number | bigint {
  if (Number.isSafeInteger(v)) return v;
  if (Number.isNaN(v)) return 0;
  if (v >= 2 ** 63) return INT64_MAX;
  if (v <= -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(v));
}

interface ExternalSink {
  file: string;
  pieces: Piece[];
  offset: number;
}

/** A tensor's bytes, read (from its handle, if any) only when the writer reaches them, and not kept. */
const bytesOf = (t: Tensor): Deferred => ({
  byteLength: t.byteLength,
  read: () => t.peekBytes(),
  readVia: (scratch) => t.bytesVia(scratch),
});

function tensorProto(t: Tensor, name: string | null, sink: ExternalSink | null): Message {
  const tp: Message = { ...(t.extra ?? {}), dims: t.dims.map(i64), dataType: dtypeCode(t.dtype) };
  if (name !== null) tp.name = name;
  if (t.dtype === 'string') {
    tp.stringData = t.strings ?? [];
    return tp;
  }
  if (sink && t.byteLength >= EXTERNAL_MIN_BYTES) {
    const pad = (64 - (sink.offset % 64)) % 64; // align each tensor as onnx's writer does
    if (pad) {
      sink.pieces.push(new Uint8Array(pad));
      sink.offset += pad;
    }
    sink.pieces.push(bytesOf(t));
    tp.dataLocation = 1;
    tp.externalData = [
      { key: 'location', value: basename(sink.file) },
      { key: 'offset', value: String(sink.offset) },
      { key: 'length', value: String(t.byteLength) },
    ];
    sink.offset += t.byteLength;
    return tp;
  }
  tp.rawData = bytesOf(t);
  return tp;
}

function valueInfo(v: Value): Message {
  const vi: Message = { ...((v.meta.onnx as Message | undefined) ?? {}), name: v.name };
  if (v.docString) vi.docString = v.docString;
  const type = typeProtoOf(v);
  if (type) vi.type = type;
  return vi;
}

const OPAQUE_KINDS: Record<string, [number, string]> = {
  sparse_tensor: [11, 'sparseTensor'],
  sparse_tensors: [12, 'sparseTensors'],
  type_proto: [13, 'tp'],
  type_protos: [14, 'typeProtos'],
};

function attrProto(name: string, a: Attr): Message {
  switch (a.type) {
    case 'float':
      return { name, type: 1, f: a.value };
    case 'int':
      return { name, type: 2, i: i64(a.value) };
    case 'string':
      return { name, type: 3, s: utf8.encode(a.value) };
    case 'tensor':
      return { name, type: 4, t: tensorProto(a.value, null, null) };
    case 'graph':
      return { name, type: 5, g: graphProto(a.value, null) };
    case 'floats':
      return { name, type: 6, floats: a.value };
    case 'ints':
      return { name, type: 7, ints: a.value.map(i64) };
    case 'strings':
      return { name, type: 8, strings: a.value.map((s) => utf8.encode(s)) };
    case 'tensors':
      return { name, type: 9, tensors: a.value.map((t) => tensorProto(t, null, null)) };
    case 'graphs':
      return { name, type: 10, graphs: a.value.map((g) => graphProto(g, null)) };
    case 'ref':
      return { name, type: Number(a.attrType), refAttrName: a.value };
    case 'opaque': {
      const [type, field] = OPAQUE_KINDS[a.kind] ?? [13, 'tp'];
      return { name, type, [field]: a.value };
    }
  }
}

/** A sparse initializer read from the file is written back as read while its dense data is the one imported. */
function sparseAsRead(v: Value): Message | null {
  const s = v.meta.onnxSparse as { proto: Message; tensor: Tensor } | undefined;
  return s && s.tensor === v.data ? s.proto : null;
}

function graphProto(g: Graph, sink: ExternalSink | null): Message {
  const inputs = new Set(g.inputs);
  const outputs = new Set(g.outputs);
  const initializer: Message[] = [];
  const sparseInitializer: Message[] = [];
  for (const v of g.constants()) {
    const sparse = sparseAsRead(v);
    if (sparse) sparseInitializer.push(sparse);
    else initializer.push(tensorProto(v.data!, v.name, sink));
  }
  const valueInfos: Message[] = [];
  for (const v of g.values.values()) {
    if (inputs.has(v) || outputs.has(v) || (v.data && !v.producer) || !v.producer) continue;
    if (v.dtype || v.meta.type) valueInfos.push(valueInfo(v));
  }
  const gp: Message = {
    ...((g.meta.onnx as Message | undefined) ?? {}),
    name: g.name,
    node: g.nodes.map((n) => {
      const attrRest = (n.meta.onnxAttrs as Record<string, Message> | undefined) ?? {};
      return {
        ...((n.meta.onnx as Message | undefined) ?? {}),
        name: n.name,
        opType: n.op,
        domain: n.domain,
        input: n.inputs.map((v) => v?.name ?? ''),
        output: n.outputs.map((v) => v?.name ?? ''),
        attribute: [...n.attrs].map(([k, a]) => ({ ...(attrRest[k] ?? {}), ...attrProto(k, a) })),
        ...(n.docString ? { docString: n.docString } : {}),
      };
    }),
    initializer,
    sparseInitializer,
    input: g.inputs.map(valueInfo),
    output: g.outputs.map(valueInfo),
    valueInfo: valueInfos,
  };
  if (g.docString) gp.docString = g.docString;
  if (g.meta.quantizationAnnotation) gp.quantizationAnnotation = g.meta.quantizationAnnotation;
  return gp;
}

/** Graph inputs and outputs must carry a type in ONNX: infer it on a copy where the IR does not know it yet. */
function withTypes(model: Model): Model {
  const g = model.graph;
  if (![...g.inputs, ...g.outputs].some((v) => !v.dtype && !v.meta.type)) return model;
  const typed = cloneModel(model);
  inferShapes(typed);
  return typed;
}

function modelProto(input: Model, sink: ExternalSink | null): Message {
  const model = withTypes(input);
  const extra = model.extra as { functions?: Message[]; trainingInfo?: Message[]; onnx?: Message | null };
  return {
    ...(extra.onnx ?? {}),
    irVersion: Math.max(model.irVersion || 0, minIrVersion(model.opsets.get('') ?? 1)),
    opsetImport: [...model.opsets].map(([domain, version]) => ({ domain, version })),
    producerName: model.producer.name || 'convcheck',
    producerVersion: model.producer.version,
    domain: model.domain,
    modelVersion: model.modelVersion,
    docString: model.docString,
    graph: graphProto(model.graph, sink),
    metadataProps: [...model.metadata].map(([key, value]) => ({ key, value })),
    ...(extra.functions?.length ? { functions: extra.functions } : {}),
    ...(extra.trainingInfo?.length ? { trainingInfo: extra.trainingInfo } : {}),
  };
}

function totalBytes(g: Graph): number {
  let n = 0;
  for (const v of g.constants()) n += v.data!.byteLength;
  for (const node of g.allNodes())
    for (const a of node.attrs.values()) if (a.type === 'tensor') n += a.value.byteLength;
  return n;
}

/** Serialize a model to ModelProto bytes (all tensors inline; fails past protobuf's 2 GB limit). */
export function toOnnxBytes(model: Model): Uint8Array {
  if (totalBytes(model.graph) > PROTO_LIMIT) throw new Error('model is larger than 2 GB: write it with external data');
  return joinPieces(encodeMessage('ModelProto', modelProto(model, null)));
}

const piecesBytes = (pieces: Piece[]): number => pieces.reduce((a, p) => a + p.byteLength, 0);

/**
 * The pieces as written: a tensor's bytes are read from its handle when the file reaches them, into one buffer
 * reused for every tensor (each chunk is written before the next is read).
 */
function* streamed(pieces: Piece[]): Iterable<Chunk> {
  const scratch = new ReusableBuffer();
  for (const p of pieces) yield isDeferred(p) ? (p.readVia?.(scratch) ?? p.read()) : p;
}

/**
 * Write a model to `path` (and `<path>.data` with external data: on request or when past 2 GB), atomically.
 * Weights stream from their handles or views to the file one tensor at a time: no second copy of the model.
 */
export function writeOnnx(model: Model, path: string, options: ExportOptions = {}): string[] {
  const external = options.externalData || totalBytes(model.graph) > PROTO_LIMIT;
  const sink: ExternalSink | null = external ? { file: `${path}.data`, pieces: [], offset: 0 } : null;
  const pieces = encodeMessage('ModelProto', modelProto(model, sink));
  const files: FileToWrite[] = [{ path, chunks: streamed(pieces), size: piecesBytes(pieces) }];
  if (sink && sink.pieces.length)
    files.push({ path: sink.file, chunks: streamed(sink.pieces), size: piecesBytes(sink.pieces) });
  return writeFilesAtomic(files, options.protect ?? (model.path ? [model.path] : []), {
    onProgress: exportProgress(options),
  });
}
