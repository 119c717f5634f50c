import type { Model } from '../ir/model.js';
import { inferShapes } from '../shape/infer.js';
import { UsageError } from '../io/input-error.js';

export interface PrepareOptions {
  inputShapes?: Map<string, number[]>;
}

/**
 * What every command does to a freshly imported model before using it: apply --input-shape
 * overrides and infer shapes and dtypes everywhere.
 */
export function prepareModel(model: Model, options: PrepareOptions = {}): Model {
  try {
    inferShapes(model, { inputShapes: options.inputShapes });
  } catch (e) {
    if ((e as Error).message.startsWith('--input-shape')) throw new UsageError((e as Error).message);
    throw e;
  }
  return model;
}
