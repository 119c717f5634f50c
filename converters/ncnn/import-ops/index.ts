/** The ncnn layer families the importer reads, in one explicit list; a layer type may appear in one family only. */
import type { NcnnLayerImporter, NcnnLayerTable } from './context.js';
import { ioLayers } from './io.js';
import { convLayers } from './conv.js';
import { denseLayers } from './dense.js';
import { poolingLayers } from './pooling.js';
import { elementwiseLayers } from './elementwise.js';
import { activationsLayers } from './activations.js';
import { normalizationLayers } from './normalization.js';
import { shapeLayers } from './shape.js';
import { resizeLayers } from './resize.js';
import { reductionLayers } from './reduction.js';
import { sequenceLayers } from './sequence.js';

export const NCNN_IMPORT_FAMILIES: readonly { family: string; layers: NcnnLayerTable }[] = [
  { family: 'io', layers: ioLayers },
  { family: 'conv', layers: convLayers },
  { family: 'dense', layers: denseLayers },
  { family: 'pooling', layers: poolingLayers },
  { family: 'elementwise', layers: elementwiseLayers },
  { family: 'activations', layers: activationsLayers },
  { family: 'normalization', layers: normalizationLayers },
  { family: 'shape', layers: shapeLayers },
  { family: 'resize', layers: resizeLayers },
  { family: 'reduction', layers: reductionLayers },
  { family: 'sequence', layers: sequenceLayers },
];

let registry: Map<string, NcnnLayerImporter> | undefined;
/** Layer type → importer, over every family. */
export function ncnnLayerImporters(): ReadonlyMap<string, NcnnLayerImporter> {
  if (registry) return registry;
  const map = new Map<string, NcnnLayerImporter>();
  for (const { family, layers } of NCNN_IMPORT_FAMILIES)
    for (const [type, importer] of Object.entries(layers)) {
      if (map.has(type)) throw new Error(`ncnn layer ${type} registered twice (family ${family})`);
      map.set(type, importer);
    }
  registry = map;
  return map;
}
