/**
 * The model as the target quantizes it: a copy, with BatchNormalization (and Caffe's per-channel Scale, which
 * imports as Mul/Add) folded into the convolution before it when the scheme says the toolchain fuses Conv+BN
 * (targets.json → quantSchemes.<t>.fusions.convBatchNorm). The weights the diagnostics see are the folded ones.
 * Every quantizable node gets a name (its first output's) when it has none, so layers can be named in reports.
 */
import { cloneModel } from '../../ir/clone.js';
import type { Model } from '../../ir/model.js';
import { runRewrites } from '../../rewrite/engine.js';
import { QUANTIZABLE_OPS } from '../quantizable-ops.js';
import type { QuantScheme } from '../scheme.js';

const FOLD_RULES = new Set(['fuse-conv-bn', 'fuse-conv-add-mul']);

export interface FoldedModel {
  model: Model;
  /** First output names of the convolutions whose weights were folded. */
  folded: Set<string>;
}

export function foldForScheme(model: Model, scheme: QuantScheme): FoldedModel {
  const copy = cloneModel(model);
  const weightBefore = new Map(copy.graph.nodes.map((n) => [n, n.inputs[1]?.data ?? null]));
  if (scheme.fusions.convBatchNorm) runRewrites(copy, FOLD_RULES);
  const folded = new Set<string>();
  for (const node of copy.graph.nodes) {
    if (!QUANTIZABLE_OPS[node.op] || node.domain) continue;
    const output = node.outputs[0]?.name ?? '';
    if (!node.name) node.name = copy.graph.uniqueNodeName(output || node.op);
    const before = weightBefore.get(node);
    if (before !== undefined && before !== (node.inputs[1]?.data ?? null)) folded.add(output);
  }
  return { model: copy, folded };
}
