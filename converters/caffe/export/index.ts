/**
 * Caffe export: apply the exact rewrites Caffe needs (activations it lacks written with the layers it
 * has, pads fused, constants folded), map every node to Caffe layers, refuse with the blockers (nothing
 * written) when any node cannot be expressed exactly, then write <base>.prototxt and <base>.caffemodel
 * atomically.
 */
import { dirname, extname } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Model } from '../../../src/ir/model.js';
import { runRewrites } from '../../../src/rewrite/engine.js';
import { writeFilesAtomic, type AtomicWriteOptions } from '../../../src/io/atomic-write.js';
import { exportProgress } from '../../export-progress.js';
import { ExportBlocked, type ExportOptions } from '../../converter.js';
import { toCaffeLayers, type CaffeNet } from './to-caffe-layers.js';
import { prototxtText } from './write-prototxt.js';
import { caffemodelChunks } from './write-caffemodel.js';
import type { CaffeFlavor } from './write-context.js';

/** Exact rewrites applied before writing: each turns ops Caffe lacks into ops it has, or removes work. */
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
  rewrites: Map<string, number>;
}

/** Rewrite (in place) and map the model; throws ExportBlocked with every blocker. */
export function prepareCaffe(model: Model, flavor: CaffeFlavor, extraRewrites: string[] = []): CaffeExport {
  const run = runRewrites(model, new Set([...CAFFE_EXPORT_REWRITES, ...extraRewrites]), { forExport: true });
  const net = toCaffeLayers(model, flavor);
  if (net.blockers.length) throw new ExportBlocked(net.blockers);
  const rewrites = new Map<string, number>();
  for (const a of run.applications) rewrites.set(a.rule, (rewrites.get(a.rule) ?? 0) + 1);
  return { net, rewrites };
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

export function summarize(net: CaffeNet, rewrites: Map<string, number>): string[] {
  const types = new Map<string, number>();
  for (const l of net.layers) types.set(l.type, (types.get(l.type) ?? 0) + 1);
  const weights = net.layers.reduce((a, l) => a + l.blobs.reduce((b, x) => b + x.data.length, 0), 0);
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

export function writeCaffe(model: Model, outPath: string, options: ExportOptions = {}): string[] {
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
