/**
 * The explicit, ordered registries of formats. The CLI asks `loadModel` to sniff a file and pick
 * the importer; exporters are chosen by name.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { extname } from 'node:path';
import type { Importer, Exporter, ImportOptions } from './converter.js';
import type { Model } from '../src/ir/model.js';
import { InputError } from '../src/io/input-error.js';
import { enforceModelLimits } from '../src/io/model-limits.js';
import { onnxImporter, onnxExporter } from './onnx/index.js';
import { caffeImporter, caffeExporter } from './caffe/index.js';
import { tfliteImporter } from './tflite/index.js';
import { ncnnImporter, ncnnExporter } from './ncnn/index.js';

export const importers: Importer[] = [onnxImporter, tfliteImporter, caffeImporter, ncnnImporter];
export const exporters: Exporter[] = [onnxExporter, ncnnExporter, caffeExporter];

export function loadModel(path: string, options: ImportOptions = {}): Model {
  let head: Uint8Array;
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, 4096, 0);
    closeSync(fd);
    head = buf.subarray(0, n);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      path,
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a model file'
          : `cannot read (${(e as Error).message})`,
    );
  }
  if (head.length === 0) throw new InputError(path, 'file is empty');
  const ext = extname(path).toLowerCase();
  const imp = importers.find((i) => i.sniff(head, path)) ?? importers.find((i) => i.extensions.includes(ext));
  if (!imp)
    throw new InputError(
      path,
      `not a model file convcheck can read (formats: ${importers.map((i) => i.format).join(', ')})`,
    );
  const model = imp.read(path, options);
  enforceModelLimits(model, path);
  return model;
}

export function findExporter(format: string): Exporter {
  const e = exporters.find((x) => x.format === format);
  if (!e)
    throw new InputError(format, `no exporter for this format (formats: ${exporters.map((x) => x.format).join(', ')})`);
  return e;
}
