/**
 * The explicit, ordered registries of formats. The CLI asks `loadModel` to sniff a file and pick
 * the importer; exporters are chosen by name.
 */
import type { Importer, Exporter, ImportOptions } from './converter.js';
import type { Model } from '../src/ir/model.js';
import { InputError } from '../src/io/input-error.js';
import { loadModelWith } from './load-model.js';
import { onnxImporter, onnxExporter } from './onnx/index.js';
import { caffeImporter, caffeExporter } from './caffe/index.js';
import { tfliteImporter } from './tflite/index.js';
import { ncnnImporter, ncnnExporter } from './ncnn/index.js';

export const importers: Importer[] = [onnxImporter, tfliteImporter, caffeImporter, ncnnImporter];
export const exporters: Exporter[] = [onnxExporter, ncnnExporter, caffeExporter];

export function loadModel(path: string, options: ImportOptions = {}): Model {
  return loadModelWith(importers, path, options);
}

export function findExporter(format: string): Exporter {
  const e = exporters.find((x) => x.format === format);
  if (!e)
    throw new InputError(format, `no exporter for this format (formats: ${exporters.map((x) => x.format).join(', ')})`);
  return e;
}
