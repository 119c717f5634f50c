/**
 * The format registry of the ONNX audit script (dist/bundle/audit-onnx.cjs, scripts/bundle.mjs), in place of
 * converters/index.ts: ONNX alone. The bin gives that script only models whose name ends in .onnx, which
 * converters/index.ts reads with the ONNX importer too (first in its list, and its sniff accepts the name),
 * so the script reads them exactly as the full registry does, without the other formats' code.
 */
import type { Importer, ImportOptions } from './converter.js';
import type { Model } from '../src/ir/model.js';
import { loadModelWith } from './load-model.js';
import { onnxImporter } from './onnx/index.js';

export const importers: Importer[] = [onnxImporter];

export function loadModel(path: string, options: ImportOptions = {}): Model {
  return loadModelWith(importers, path, options);
}
