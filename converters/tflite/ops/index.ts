/**
 * The TFLite op families, in one explicit ordered list. An op name may appear in one family only
 * (checked when the registry is built).
 */
import type { TfliteImporter, TfliteOpTable } from './op-context.js';
import { convOps } from './conv.js';
import { poolOps } from './pool.js';
import { resizeOps } from './resize.js';
import { fullyConnectedOps } from './fully-connected.js';
import { binaryOps } from './binary.js';
import { unaryOps } from './unary.js';
import { activationOps } from './activations.js';
import { shapeOps } from './shape.js';
import { sliceOps } from './slice.js';
import { splitOps } from './split.js';
import { dimsOps } from './dims.js';
import { mirrorReverseOps } from './mirror-reverse.js';
import { gatherOps } from './gather.js';
import { selectOps } from './select.js';
import { spaceBatchOps } from './space-batch.js';
import { segmentOps } from './segment.js';
import { reduceOps } from './reduce.js';
import { matmulOps } from './matmul.js';
import { normalizationOps } from './normalization.js';
import { l2PoolOps } from './l2-pool.js';
import { conv3dOps } from './conv3d.js';
import { scanSortOps } from './scan-sort.js';
import { embeddingOps } from './embedding.js';
import { lstmOps } from './lstm.js';
import { rnnOps } from './rnn.js';
import { svdfOps } from './svdf.js';
import { matrixDiagOps } from './matrix-diag.js';
import { interiorPadOps } from './interior-pad.js';
import { sparseUpdateOps } from './sparse-update.js';
import { fakeQuantOps } from './fake-quant.js';
import { nonMaxSuppressionOps } from './non-max-suppression.js';
import { stablehloGatherScatterOps } from './stablehlo-gather-scatter.js';
import { stablehloReduceWindowOps } from './stablehlo-reduce-window.js';
import { bitwiseOps } from './bitwise.js';

export const TFLITE_OP_FAMILIES: readonly { family: string; ops: TfliteOpTable }[] = [
  { family: 'conv', ops: convOps },
  { family: 'pool', ops: poolOps },
  { family: 'resize', ops: resizeOps },
  { family: 'fully-connected', ops: fullyConnectedOps },
  { family: 'binary', ops: binaryOps },
  { family: 'unary', ops: unaryOps },
  { family: 'activations', ops: activationOps },
  { family: 'shape', ops: shapeOps },
  { family: 'slice', ops: sliceOps },
  { family: 'split', ops: splitOps },
  { family: 'dims', ops: dimsOps },
  { family: 'mirror-reverse', ops: mirrorReverseOps },
  { family: 'gather', ops: gatherOps },
  { family: 'select', ops: selectOps },
  { family: 'space-batch', ops: spaceBatchOps },
  { family: 'segment', ops: segmentOps },
  { family: 'reduce', ops: reduceOps },
  { family: 'matmul', ops: matmulOps },
  { family: 'normalization', ops: normalizationOps },
  { family: 'l2-pool', ops: l2PoolOps },
  { family: 'conv3d', ops: conv3dOps },
  { family: 'scan-sort', ops: scanSortOps },
  { family: 'embedding', ops: embeddingOps },
  { family: 'lstm', ops: lstmOps },
  { family: 'rnn', ops: rnnOps },
  { family: 'svdf', ops: svdfOps },
  { family: 'matrix-diag', ops: matrixDiagOps },
  { family: 'interior-pad', ops: interiorPadOps },
  { family: 'sparse-update', ops: sparseUpdateOps },
  { family: 'fake-quant', ops: fakeQuantOps },
  { family: 'non-max-suppression', ops: nonMaxSuppressionOps },
  { family: 'stablehlo-gather-scatter', ops: stablehloGatherScatterOps },
  { family: 'stablehlo-reduce-window', ops: stablehloReduceWindowOps },
  { family: 'bitwise', ops: bitwiseOps },
];

let registry: Map<string, TfliteImporter> | undefined;
/** Op name (builtin, or `CUSTOM:<code>`) → importer, over every family. */
export function tfliteImporters(): ReadonlyMap<string, TfliteImporter> {
  if (registry) return registry;
  const map = new Map<string, TfliteImporter>();
  for (const { family, ops } of TFLITE_OP_FAMILIES)
    for (const [name, importer] of Object.entries(ops)) {
      if (map.has(name)) throw new Error(`TFLite op ${name} registered twice (family ${family})`);
      map.set(name, importer);
    }
  registry = map;
  return map;
}

/** The key an operator is registered under: its builtin name, or `CUSTOM:<custom_code>`. */
export function opKey(op: { op: string; custom: string }): string {
  return op.op === 'CUSTOM' ? `CUSTOM:${op.custom}` : op.op;
}
