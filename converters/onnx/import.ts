import { dirname } from 'node:path';
import { newModel, type Model } from '../../src/ir/model.js';
import { InputError } from '../../src/io/input-error.js';
import { readModelFile } from '../../src/io/read-file.js';
import { onnx, num } from './proto.js';
import { graphFromProto } from './import-graph.js';
import type { ImportOptions } from '../converter.js';

/** Read an ONNX model: the whole file in one buffer, tensors as views into it, external data as handles. */
export function readOnnx(path: string, options: ImportOptions = {}): Model {
  const buf = readModelFile(path);
  options.onProgress?.({ bytes: buf.length, totalBytes: buf.length, nodes: 0 });
  return onnxFromBytes(buf, path, dirname(path));
}

export function onnxFromBytes(buf: Uint8Array, file: string, modelDir: string): Model {
  let mp;
  try {
    mp = onnx.ModelProto.decode(buf);
  } catch (e) {
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
    fileSize: buf.length,
    opsets,
    irVersion: num(mp.irVersion),
    producer: { name: mp.producerName ?? '', version: mp.producerVersion ?? '' },
    domain: mp.domain ?? '',
    modelVersion: num(mp.modelVersion),
    docString: mp.docString ?? '',
    metadata: new Map((mp.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
    extra: { functions: mp.functions ?? [], trainingInfo: mp.trainingInfo ?? [] },
  });
}
