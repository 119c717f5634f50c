/**
 * The Caffe export pipeline: apply the exact rewrites Caffe's layer set calls for (activations it lacks written with
 * the layers it has, pads fused, constants folded) to the model it is given (the command's own model: `convert` and
 * `fix` read it for this export), then hand it to the Caffe exporter, which only maps and writes.
 */
import type { Model } from '../../ir/model.js';
import { runRewrites } from '../../rewrite/engine.js';
import type { ExportOptions } from '../../../converters/converter.js';
import { exportProgress } from '../../../converters/export-progress.js';
import { summarize, toCaffeNet, writeCaffeFiles } from '../../../converters/caffe/export/index.js';
import type { CaffeNet } from '../../../converters/caffe/export/to-caffe-layers.js';
import type { CaffeFlavor } from '../../../converters/caffe/export/write-context.js';
import { countRewrites } from './rewrite-counts.js';

/** Exact rewrites applied before mapping: each turns ops Caffe lacks into ops it has, or removes work. */
export const CAFFE_EXPORT_REWRITES = [
  'eliminate-identity',
  'eliminate-dropout',
  'eliminate-noop',
  'fold-shape-arithmetic',
  'fold-constants',
  'decompose-hardswish',
  'decompose-hardsigmoid',
  'decompose-silu',
  'decompose-mish',
  'fuse-gelu',
  'fuse-layernorm',
  'fuse-matmul-add-gemm',
  'fuse-pad-into-conv',
  'fuse-pad-into-pool',
  'cancel-transpose-pairs',
  'fuse-space-to-depth',
];

export interface CaffeExport {
  net: CaffeNet;
  /** Applications per rewrite rule. */
  rewrites: Map<string, number>;
}

/** Rewrite (in place) and map the model; throws ExportBlocked with every blocker. */
export function prepareCaffe(model: Model, flavor: CaffeFlavor): CaffeExport {
  const run = runRewrites(model, new Set(CAFFE_EXPORT_REWRITES), { forExport: true });
  return { net: toCaffeNet(model, flavor), rewrites: countRewrites(run.applications) };
}

/** Prepare and write <base>.prototxt + <base>.caffemodel; returns the files written. */
export function exportCaffe(model: Model, outPath: string, options: ExportOptions = {}): string[] {
  const { net, rewrites } = prepareCaffe(model, 'caffe');
  if (options.summary) options.summary.push(...summarize(net, rewrites));
  return writeCaffeFiles(
    net,
    outPath,
    options.protect ?? (model.path ? [model.path] : []),
    [],
    exportProgress(options),
  );
}
