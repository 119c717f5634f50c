import { basename } from 'node:path';
import type { Model } from '../../src/ir/model.js';
import type { Graph } from '../../src/ir/graph.js';
import type { Attr } from '../../src/ir/attr.js';
import type { Tensor } from '../../src/ir/tensor.js';
import type { Value } from '../../src/ir/value.js';
import { dtypeCode } from '../../src/ir/dtype.js';
import { writeFilesAtomic, type Chunk } from '../../src/io/atomic-write.js';
import { onnx, type OnnxTypes } from './proto.js';
import type { ExportOptions } from '../converter.js';
import { inferShapes } from '../../src/shape/infer.js';
import { cloneModel } from '../../src/ir/clone.js';

const utf8 = new TextEncoder();
/** Protobuf messages cannot exceed 2 GB: past this, tensors go to an external data file. */
const PROTO_LIMIT = 2 ** 31 - 1 - (64 << 20);
/** With external data, tensors smaller than this stay inline (as onnx's own writer does by default). */
const EXTERNAL_MIN_BYTES = 1024;

/** An int64 that protobufjs writes exactly (numbers past 2^53 are clamped to the int64 range). */
function i64(v: number): number | { low: number; high: number; unsigned: boolean } {
  if (Number.isSafeInteger(v)) return v;
  let b = BigInt(Math.trunc(Math.max(Math.min(v, 9.3e18), -9.3e18)));
  if (b > 9223372036854775807n) b = 9223372036854775807n;
  if (b < -9223372036854775808n) b = -9223372036854775808n;
  const u = BigInt.asUintN(64, b);
  return { low: Number(u & 0xffffffffn) | 0, high: Number(u >> 32n) | 0, unsigned: false };
}

interface ExternalSink {
  file: string;
  chunks: Uint8Array[];
  offset: number;
}

function tensorProto(t: Tensor, name: string, sink: ExternalSink | null): OnnxTypes.ITensorProto {
  const tp: OnnxTypes.ITensorProto = { name, dims: t.dims.map(i64) as number[], dataType: dtypeCode(t.dtype) };
  if (t.dtype === 'string') {
    tp.stringData = t.strings ?? [];
    return tp;
  }
  if (sink && t.byteLength >= EXTERNAL_MIN_BYTES) {
    const pad = (64 - (sink.offset % 64)) % 64; // align each tensor as onnx's writer does
    if (pad) {
      sink.chunks.push(new Uint8Array(pad));
      sink.offset += pad;
    }
    const bytes = t.bytes();
    sink.chunks.push(bytes);
    tp.dataLocation = 1;
    tp.externalData = [
      { key: 'location', value: basename(sink.file) },
      { key: 'offset', value: String(sink.offset) },
      { key: 'length', value: String(bytes.byteLength) },
    ];
    sink.offset += bytes.byteLength;
    return tp;
  }
  tp.rawData = t.bytes();
  return tp;
}

function valueInfo(v: Value): OnnxTypes.IValueInfoProto {
  const vi: OnnxTypes.IValueInfoProto = { name: v.name };
  if (v.docString) vi.docString = v.docString;
  if (v.meta.type) {
    vi.type = v.meta.type as OnnxTypes.ITypeProto;
    return vi;
  }
  if (v.dtype) {
    vi.type = { tensorType: { elemType: dtypeCode(v.dtype) } };
    if (v.shape)
      vi.type.tensorType!.shape = {
        dim: v.shape.map((d) =>
          typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {},
        ),
      };
  }
  return vi;
}

function attrProto(name: string, a: Attr, sink: ExternalSink | null): OnnxTypes.IAttributeProto {
  switch (a.type) {
    case 'float':
      return { name, type: 1, f: a.value };
    case 'int':
      return { name, type: 2, i: i64(a.value) as number };
    case 'string':
      return { name, type: 3, s: utf8.encode(a.value) };
    case 'tensor':
      return { name, type: 4, t: tensorProto(a.value, '', null) };
    case 'graph':
      return { name, type: 5, g: graphProto(a.value, null) };
    case 'floats':
      return { name, type: 6, floats: a.value };
    case 'ints':
      return { name, type: 7, ints: a.value.map(i64) as number[] };
    case 'strings':
      return { name, type: 8, strings: a.value.map((s) => utf8.encode(s)) };
    case 'tensors':
      return { name, type: 9, tensors: a.value.map((t) => tensorProto(t, '', null)) };
    case 'graphs':
      return { name, type: 10, graphs: a.value.map((g) => graphProto(g, null)) };
    case 'ref':
      return { name, type: Number(a.attrType), refAttrName: a.value };
    case 'opaque': {
      const type = { sparse_tensor: 11, sparse_tensors: 12, type_proto: 13, type_protos: 14 }[a.kind] ?? 0;
      const field =
        { sparse_tensor: 'sparseTensor', sparse_tensors: 'sparseTensors', type_proto: 'tp', type_protos: 'typeProtos' }[
          a.kind
        ] ?? 'tp';
      return { name, type, [field]: a.value };
    }
  }
  void sink;
}

export function graphProto(g: Graph, sink: ExternalSink | null): OnnxTypes.IGraphProto {
  const inputs = new Set(g.inputs);
  const outputs = new Set(g.outputs);
  const initializer: OnnxTypes.ITensorProto[] = [];
  for (const v of g.constants()) initializer.push(tensorProto(v.data!, v.name, sink));
  const valueInfos: OnnxTypes.IValueInfoProto[] = [];
  for (const v of g.values.values()) {
    if (inputs.has(v) || outputs.has(v) || (v.data && !v.producer) || !v.producer) continue;
    if (v.dtype || v.meta.type) valueInfos.push(valueInfo(v));
  }
  const gp: OnnxTypes.IGraphProto = {
    name: g.name,
    node: g.nodes.map((n) => ({
      name: n.name,
      opType: n.op,
      domain: n.domain,
      input: n.inputs.map((v) => v?.name ?? ''),
      output: n.outputs.map((v) => v?.name ?? ''),
      attribute: [...n.attrs].map(([k, a]) => attrProto(k, a, sink)),
      ...(n.docString ? { docString: n.docString } : {}),
    })),
    initializer,
    input: g.inputs.map(valueInfo),
    output: g.outputs.map(valueInfo),
    valueInfo: valueInfos,
  };
  if (g.docString) gp.docString = g.docString;
  if (g.meta.quantizationAnnotation)
    gp.quantizationAnnotation = g.meta.quantizationAnnotation as OnnxTypes.ITensorAnnotation[];
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

function modelProto(input: Model, sink: ExternalSink | null): OnnxTypes.IModelProto {
  const model = withTypes(input);
  const opsets = [...model.opsets].map(([domain, version]) => ({ domain, version }));
  const extra = model.extra as {
    functions?: OnnxTypes.IFunctionProto[];
    trainingInfo?: OnnxTypes.ITrainingInfoProto[];
  };
  return {
    irVersion: Math.max(model.irVersion || 0, minIrVersion(model)),
    opsetImport: opsets,
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

/** The lowest IR version that can carry the model's default-domain opset (onnx/helper.py's table, as facts). */
function minIrVersion(model: Model): number {
  const v = model.opsets.get('') ?? 1;
  return v <= 2
    ? 3
    : v <= 7
      ? 3
      : v <= 8
        ? 4
        : v <= 9
          ? 4
          : v <= 10
            ? 5
            : v <= 11
              ? 6
              : v <= 14
                ? 7
                : v <= 18
                  ? 8
                  : v <= 20
                    ? 9
                    : 10;
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
  return onnx.ModelProto.encode(modelProto(model, null)).finish();
}

/** Write a model to `path` (and `<path>.data` with external data: on request or when past 2 GB), atomically. */
export function writeOnnx(model: Model, path: string, options: ExportOptions = {}): string[] {
  const external = options.externalData || totalBytes(model.graph) > PROTO_LIMIT;
  const sink: ExternalSink | null = external ? { file: `${path}.data`, chunks: [], offset: 0 } : null;
  const bytes = onnx.ModelProto.encode(modelProto(model, sink)).finish();
  const files: { path: string; chunks: Iterable<Chunk> }[] = [{ path, chunks: [bytes] }];
  if (sink && sink.chunks.length) files.push({ path: sink.file, chunks: sink.chunks });
  return writeFilesAtomic(files, options.protect ?? (model.path ? [model.path] : []));
}
