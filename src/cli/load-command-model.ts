/**
 * How every command reads its model from the command line: the model options the commands share
 * (`--weights`, `--layer-shape`, `--signature`) and a progress bar while it reads. `inputShapes` comes
 * from the caller, which also needs it to prepare the model.
 */
import type { Args } from './args.js';
import { flag, flagAll, hasFlag, parseLayerShapes } from './args.js';
import { loadModel } from '../../converters/index.js';
import type { ImportOptions } from '../../converters/converter.js';
import type { Model } from '../ir/model.js';
import { withReadProgress } from './progress-hooks.js';

export function loadCommandModel(
  args: Args,
  path: string,
  options: { weights: NonNullable<ImportOptions['weights']>; inputShapes: ImportOptions['inputShapes'] },
): Model {
  return withReadProgress(path, hasFlag(args, 'quiet'), (onProgress) =>
    loadModel(path, {
      weights: options.weights,
      weightsPath: flag(args, 'weights'),
      inputShapes: options.inputShapes,
      layerShapes: parseLayerShapes(flagAll(args, 'layer-shape')),
      signature: flag(args, 'signature'),
      onProgress,
    }),
  );
}
