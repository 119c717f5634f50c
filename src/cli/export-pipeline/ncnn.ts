/**
 * The ncnn export pipeline: on a copy of the model (the caller's model is never changed), check it for ncnn, apply
 * the exact fixes the findings name, check again and refuse with every remaining error (nothing written), apply the
 * rewrites ncnn's layer set calls for, then hand the prepared model to the ncnn exporter, which only translates.
 */
import type { Model } from '../../ir/model.js';
import { cloneModel } from '../../ir/clone.js';
import { checkModel } from '../../check/engine.js';
import { runRewrites } from '../../rewrite/engine.js';
import { selectRewrites } from '../../rewrite/select.js';
import { ExportBlocked, type ExportOptions } from '../../../converters/converter.js';
import { toNcnnLayers, writeNcnn } from '../../../converters/ncnn/export.js';
import type { NcnnLayer } from '../../../converters/ncnn/ncnn-layer.js';
import { countRewrites, rewrittenLine } from './rewrite-counts.js';

/**
 * Exact rewrites always applied: ncnn's Einsum layer evaluates only a fixed list of equations, so Einsum is
 * written as the Transpose/Reshape/MatMul/Reduction layers it decomposes into.
 */
const EXPORT_REWRITES = ['decompose-einsum'];
/**
 * Written-out LayerNorm and erf-GELU (PyTorch's exports before opsets 17/20) become ncnn's LayerNorm and GELU
 * layers whatever the model's opset: one layer instead of eight or five.
 */
const EXPORT_FUSIONS = ['fuse-layernorm', 'fuse-gelu'];
/** convcheck is the converter here, so "ncnn's converters do not read this format" does not apply. */
const MET_BY_EXPORT = new Set(['ncnn/model-format']);

export interface PreparedModel {
  model: Model;
  /** Applications per rewrite rule, in the order first applied. */
  rewrites: Map<string, number>;
}

/** The copy of `input` the ncnn exporter translates; throws ExportBlocked with every error of the re-check. */
export function prepareForNcnn(input: Model): PreparedModel {
  const model = cloneModel(input);
  const fixes = runRewrites(model, selectRewrites(checkModel(model, ['ncnn'])[0]!.findings).enabled);
  // the check of the fixed model, before the export rewrites: the findings a user's `fix` + check report
  const errors = checkModel(model, ['ncnn'], { ignore: MET_BY_EXPORT })[0]!.findings.filter((f) => f.level === 'error');
  if (errors.length)
    throw new ExportBlocked(
      errors.map((f) => `${f.node ? `${f.node} (${f.op})` : 'model'}: ${f.message} [${f.ruleId}]`),
    );
  const decomposed = runRewrites(model, new Set(EXPORT_REWRITES));
  const fused = runRewrites(model, new Set(EXPORT_FUSIONS), { forExport: true });
  return {
    model,
    rewrites: countRewrites([...fixes.applications, ...decomposed.applications, ...fused.applications]),
  };
}

/** The ncnn layers `convert --to ncnn` writes for `input`, or ExportBlocked with every blocker. */
export function ncnnLayersFor(input: Model): NcnnLayer[] {
  return toNcnnLayers(prepareForNcnn(input).model).layers;
}

/** Prepare and write <out>.param + <out>.bin; returns the files written. */
export function exportNcnn(input: Model, outPath: string, options: ExportOptions = {}): string[] {
  const { model, rewrites } = prepareForNcnn(input);
  const files = writeNcnn(model, outPath, options); // the copy keeps the model's path: its file stays protected
  options.summary?.push(rewrittenLine(rewrites));
  return files;
}
