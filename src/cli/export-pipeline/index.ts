/**
 * The export pipelines, one per exporter of converters/index.ts, in its order: each prepares the model (checks,
 * rewrites) and hands it to its exporter, which only translates. `convert`, `fix` and the TUI export through these,
 * never through an exporter directly.
 */
import type { Model } from '../../ir/model.js';
import { findExporter } from '../../../converters/index.js';
import type { ExportOptions } from '../../../converters/converter.js';
import { exportOnnx } from './onnx.js';
import { exportNcnn } from './ncnn.js';
import { exportCaffe } from './caffe.js';

export interface ExportPipeline {
  format: string;
  /** Prepare `model` and write it to `outPath`; returns the files written, or throws ExportBlocked. */
  run(model: Model, outPath: string, options: ExportOptions): string[];
}

export const exportPipelines: ExportPipeline[] = [
  { format: 'onnx', run: exportOnnx },
  { format: 'ncnn', run: exportNcnn },
  { format: 'caffe', run: exportCaffe },
];

/** The pipeline for `format`; a format no exporter writes is a usage error (the exporter registry's). */
export function findExportPipeline(format: string): ExportPipeline {
  const exporter = findExporter(format);
  const pipeline = exportPipelines.find((p) => p.format === exporter.format);
  if (!pipeline) throw new Error(`the ${format} exporter has no export pipeline`);
  return pipeline;
}
