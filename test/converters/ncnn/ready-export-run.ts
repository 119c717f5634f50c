/**
 * One model through what a user runs: `fix --target ncnn` (the exact fixes the findings name, input shapes frozen
 * as `--input-shape` would), the ncnn check of the fixed model, and `convert --to ncnn` of it. In-process: the
 * same functions the commands call, without one process per model.
 */
import type { Model } from '../../../src/ir/model.js';
import { checkModel } from '../../../src/check/engine.js';
import { selectRewrites } from '../../../src/rewrite/select.js';
import { runRewrites } from '../../../src/rewrite/engine.js';
import { prepareModel } from '../../../src/cli/prepare-model.js';
import { ncnnLayersFor } from '../../../src/cli/export-pipeline/ncnn.js';
import { ExportBlocked } from '../../../converters/converter.js';

export interface ReadyExport {
  ready: boolean;
  exported: boolean;
  /** Rule ids of every finding of the check report (any level). */
  reported: Set<string>;
  /** The exporter's blockers, as it words them (each ends with `[rule id]`). */
  blockers: string[];
  /** Error rule ids of the check report. */
  errors: string[];
}

/** Batch 1 for every graph input, other symbolic dims 64: what a user gives with --input-shape. */
export function staticInputShapes(m: Model): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const v of m.graph.inputs) {
    if (v.data || !v.shape) continue;
    const dims = v.shape.map((d, i) => (i === 0 && typeof d !== 'number' ? 1 : typeof d === 'number' ? d : 64));
    if (dims.join() !== v.shape.join()) shapes.set(v.name, dims);
  }
  return shapes;
}

export function readyAndExport(model: Model): ReadyExport {
  const inputShapes = staticInputShapes(model);
  prepareModel(model, { inputShapes });
  const before = checkModel(model, ['ncnn'])[0]!;
  const { enabled } = selectRewrites(before.findings, { freezeInputs: inputShapes.size > 0 });
  runRewrites(model, enabled, { inputShapes });
  const after = checkModel(model, ['ncnn'])[0]!;
  const errors = after.findings.filter((f) => f.level === 'error').map((f) => f.ruleId);
  const reported = new Set(after.findings.map((f) => f.ruleId));
  const ready = after.verdict === 'ready';
  try {
    ncnnLayersFor(model);
    return { ready, exported: true, reported, blockers: [], errors };
  } catch (e) {
    if (!(e instanceof ExportBlocked)) throw e;
    return { ready, exported: false, reported, blockers: e.blockers, errors };
  }
}

/** The rule id a blocker names (`… [ncnn/Conv-rank]`), or null when it names none. */
export function blockerRule(blocker: string): string | null {
  return blocker.match(/\[(ncnn\/[^\]]+)\]$/)?.[1] ?? null;
}

/** What is wrong with one model's outcome: ready ⇔ exported, and every blocker names a rule the report shows. */
export function disagreement(r: ReadyExport): string | null {
  if (r.ready && !r.exported) return `READY but the export refuses: ${r.blockers.join('; ')}`;
  if (!r.ready && r.exported) return `not ready (${[...new Set(r.errors)].join(', ')}) but the export succeeds`;
  const unnamed = r.blockers.filter((b) => {
    const id = blockerRule(b);
    return !id || !r.reported.has(id);
  });
  return unnamed.length ? `refusals naming no rule of the report: ${unnamed.join('; ')}` : null;
}
