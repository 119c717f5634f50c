import { dirname } from 'node:path';
import { newModel, type Model } from '../../src/ir/model.js';
import { InputError } from '../../src/io/input-error.js';
import { modelFileSize } from '../../src/io/read-file.js';
import { graphFromProto } from './import-graph.js';
import { num, restOf, type ModelProto } from './proto-types.js';
import { decodeMessage, GraphNestingError, WireError, type DecodeOptions } from './wire/decode.js';
import { LIMITS, limitProblem } from '../../src/io/limits.js';
import { bufferWindow, FileWindow, type ByteWindow } from './wire/byte-window.js';
import type { ImportOptions } from '../converter.js';

/** Tensor payloads left in the file when longer than this (shape glue and small constants are read). */
export const GRAPH_ONLY_OVER = 4096;
const LAZY_FIELDS: DecodeOptions = {
  lazyFields: new Set(['TensorProto.raw_data', 'TensorProto.float_data', 'TensorProto.double_data']),
  lazyOver: GRAPH_ONLY_OVER,
  maxGraphDepth: LIMITS.subgraphDepth.max,
};
/** ModelProto fields the IR models; the rest (configuration, fields newer than the table) is written back as read. */
const MODEL_FIELDS = [
  'irVersion',
  'opsetImport',
  'producerName',
  'producerVersion',
  'domain',
  'modelVersion',
  'docString',
  'graph',
  'metadataProps',
  'trainingInfo',
  'functions',
];

/**
 * Read an ONNX model graph-only: positioned reads of the file, large tensor payloads (raw_data, packed
 * float/double data) left in place as spans read on first use, external data as handles. Nothing of the
 * weights is read until a command needs their bytes.
 */
export function readOnnx(path: string, options: ImportOptions = {}): Model {
  const size = modelFileSize(path);
  let win: FileWindow;
  try {
    win = new FileWindow(path);
  } catch (e) {
    throw new InputError(path, `cannot read (${(e as Error).message})`);
  }
  try {
    const report = options.onProgress;
    const onProgress =
      report &&
      ((bytes: number, nodes: number) => report({ bytes, totalBytes: size, nodes, bytesRead: win.bytesRead }));
    const model = decodeModel(win, path, dirname(path), onProgress);
    report?.({ bytes: size, totalBytes: size, nodes: model.graph.nodes.length, bytesRead: win.bytesRead });
    return model;
  } finally {
    win.close();
  }
}

/** A model from bytes in memory (tensors are views of `buf`). */
export function onnxFromBytes(buf: Uint8Array, file: string, modelDir: string): Model {
  return decodeModel(bufferWindow(buf), file, modelDir);
}

function decodeModel(win: ByteWindow, file: string, modelDir: string, onProgress?: DecodeOptions['onProgress']): Model {
  let mp: ModelProto;
  try {
    mp = decodeMessage(win, 'ModelProto', { ...LAZY_FIELDS, onProgress }) as ModelProto;
  } catch (e) {
    if (e instanceof GraphNestingError) throw new InputError(file, limitProblem('subgraphDepth', e.depth));
    if (!(e instanceof WireError || e instanceof RangeError)) throw e;
    const deep = e instanceof RangeError && /call stack/i.test(e.message);
    throw new InputError(
      file,
      `not a valid ONNX model (${deep ? 'protobuf messages nested too deeply to decode' : (e as Error).message})`,
    );
  }
  if (!mp.graph) throw new InputError(file, 'not a valid ONNX model (no graph)');
  if (!mp.opsetImport?.length && !num(mp.irVersion))
    throw new InputError(file, 'not a valid ONNX model (no ir_version, no opset_import)');
  const ctx = { file, modelDir };
  const graph = graphFromProto(mp.graph, ctx);
  const opsets = new Map<string, number>();
  for (const o of mp.opsetImport ?? []) opsets.set(o.domain === 'ai.onnx' ? '' : (o.domain ?? ''), num(o.version));
  if (!opsets.size) opsets.set('', 1);
  return newModel(graph, {
    format: 'onnx',
    path: file,
    fileSize: win.size,
    opsets,
    irVersion: num(mp.irVersion),
    producer: { name: mp.producerName ?? '', version: mp.producerVersion ?? '' },
    domain: mp.domain ?? '',
    modelVersion: num(mp.modelVersion),
    docString: mp.docString ?? '',
    metadata: new Map((mp.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
    extra: { functions: mp.functions ?? [], trainingInfo: mp.trainingInfo ?? [], onnx: restOf(mp, MODEL_FIELDS) },
  });
}
