/**
 * Caffe export: map every node of a prepared model (rewritten by the export pipeline, src/cli/export-pipeline, so
 * that activations Caffe lacks are written with the layers it has, pads fused, constants folded) to Caffe layers,
 * refuse with the blockers (nothing written) when any node cannot be expressed exactly, then write
 * <base>.prototxt and <base>.caffemodel atomically.
 */
import { dirname, extname } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Model } from '../../../src/ir/model.js';
import { writeFilesAtomic, type AtomicWriteOptions } from '../../../src/io/atomic-write.js';
import { exportProgress } from '../../export-progress.js';
import { ExportBlocked, type ExportOptions } from '../../converter.js';
import { toCaffeLayers, type CaffeNet } from './to-caffe-layers.js';
import { prototxtText } from './write-prototxt.js';
import { caffemodelChunks } from './write-caffemodel.js';
import type { CaffeFlavor } from './write-context.js';
import { blobCount } from './deferred-blob.js';

/** Map a prepared model; throws ExportBlocked with every blocker. */
export function toCaffeNet(model: Model, flavor: CaffeFlavor): CaffeNet {
  const net = toCaffeLayers(model, flavor);
  if (net.blockers.length) throw new ExportBlocked(net.blockers);
  return net;
}

export const caffeBase = (outPath: string): string =>
  ['.prototxt', '.caffemodel'].includes(extname(outPath)) ? outPath.slice(0, -extname(outPath).length) : outPath;

/** Write an already mapped net as <base>.prototxt + <base>.caffemodel. */
export function writeCaffeFiles(
  net: CaffeNet,
  outPath: string,
  protect: string[],
  header: string[] = [],
  onProgress?: AtomicWriteOptions['onProgress'],
): string[] {
  const base = caffeBase(outPath);
  mkdirSync(dirname(base), { recursive: true });
  return writeFilesAtomic(
    [
      { path: `${base}.prototxt`, chunks: [prototxtText(net.name, net.layers, header)] },
      { path: `${base}.caffemodel`, chunks: caffemodelChunks(net.name, net.layers) },
    ],
    protect,
    { onProgress },
  );
}

/** The summary lines of a mapped net, with the rewrites the pipeline applied before mapping. */
export function summarize(net: CaffeNet, rewrites: ReadonlyMap<string, number>): string[] {
  const types = new Map<string, number>();
  for (const l of net.layers) types.set(l.type, (types.get(l.type) ?? 0) + 1);
  const weights = net.layers.reduce((a, l) => a + l.blobs.reduce((b, x) => b + blobCount(x), 0), 0);
  return [
    `${net.layers.length} layers, ${weights} weights`,
    `layers: ${[...types]
      .sort((a, b) => b[1] - a[1])
      .map(([t, k]) => `${t} ${k}`)
      .join(', ')}`,
    rewrites.size ? `rewritten: ${[...rewrites].map(([r, k]) => `${r} × ${k}`).join(', ')}` : 'rewritten: nothing',
    ...[...net.outputs].filter(([v, t]) => v !== t).map(([v, t]) => `output ${v} is top ${t}`),
    ...net.warnings.map((w) => `warning: ${w}`),
  ];
}

/** Write a prepared model as <base>.prototxt + <base>.caffemodel. */
export function writeCaffe(model: Model, outPath: string, options: ExportOptions = {}): string[] {
  const net = toCaffeNet(model, 'caffe');
  if (options.summary) options.summary.push(...summarize(net, new Map()));
  return writeCaffeFiles(
    net,
    outPath,
    options.protect ?? (model.path ? [model.path] : []),
    [],
    exportProgress(options),
  );
}
