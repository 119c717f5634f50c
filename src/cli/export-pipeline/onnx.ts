/**
 * The ONNX export pipeline. A model imported from Caffe may hold layers ONNX has no op for but convcheck can
 * express: PriorBox (its computed priors) and DetectionOutput (its definition in ONNX ops); those are rewritten on
 * a copy (the caller's model is never changed), then the ONNX exporter writes.
 */
import type { Model } from '../../ir/model.js';
import { cloneModel } from '../../ir/clone.js';
import { runRewrites } from '../../rewrite/engine.js';
import type { ExportOptions } from '../../../converters/converter.js';
import { writeOnnx } from '../../../converters/onnx/export.js';

const CAFFE_LAYERS_AS_ONNX = ['fold-constants', 'expand-caffe-detection-output'];

export function prepareForOnnx(input: Model): Model {
  if (input.format !== 'caffe') return input;
  const model = cloneModel(input);
  runRewrites(model, new Set(CAFFE_LAYERS_AS_ONNX));
  return model;
}

/** Prepare and write the .onnx (and its external data when asked); returns the files written. */
export function exportOnnx(input: Model, outPath: string, options: ExportOptions = {}): string[] {
  return writeOnnx(prepareForOnnx(input), outPath, options);
}
