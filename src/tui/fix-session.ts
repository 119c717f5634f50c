import type { Model } from '../ir/model.js';
import { checkModel } from '../check/engine.js';
import { runRewrites } from '../rewrite/engine.js';
import { selectRewrites } from '../rewrite/select.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { verifyModels } from '../verify/compare-runs.js';
import type { FixOutcome, FixPlan } from './session.js';

/** The exact rewrites a target's findings call for (plus the always-on simplifications). */
function enabledFor(model: Model, targetId: string): Set<string> {
  return selectRewrites(checkModel(model, [targetId])[0]!.findings).enabled;
}

/** Preview: run the rewrites on a copy (re-imported from bytes) and list what would change. */
export function planFix(model: Model, targetId: string, reload: (bytes: Uint8Array) => Model): FixPlan {
  const copy = reload(toOnnxBytes(model));
  const run = runRewrites(copy, enabledFor(copy, targetId));
  const by = new Map<string, { safety: string; nodes: string[] }>();
  for (const a of run.applications) {
    const e = by.get(a.rule) ?? { safety: a.safety, nodes: [] };
    e.nodes.push(...a.before);
    by.set(a.rule, e);
  }
  return { rules: [...by].map(([rule, e]) => ({ rule, safety: e.safety, nodes: e.nodes })) };
}

/** Apply the fixes to the session's model, re-check and verify against the model as it was. */
export async function applyFix(model: Model, targetId: string): Promise<FixOutcome> {
  const original = toOnnxBytes(model);
  const run = runRewrites(model, enabledFor(model, targetId));
  const after = checkModel(model, [targetId])[0]!;
  const by = new Map<string, string[]>();
  for (const a of run.applications) by.set(a.rule, [...(by.get(a.rule) ?? []), ...a.before]);
  let verification: FixOutcome['verification'] = null;
  let ok = true;
  try {
    const v = await verifyModels(original, toOnnxBytes(model), model);
    verification = v.stats
      .filter((s) => s.fill === 'uniform(-1,1)')
      .map((s) => ({ output: s.output, maxAbs: s.maxAbs, maxRel: s.maxRel, cosine: s.cosine }));
    ok = v.ok;
  } catch (e) {
    return {
      applied: [...by].map(([rule, nodes]) => ({ rule, nodes })),
      remaining: after.findings.length,
      verification: null,
      ok: false,
      message: `applied; verification could not run: ${(e as Error).message}`,
    };
  }
  return {
    applied: [...by].map(([rule, nodes]) => ({ rule, nodes })),
    remaining: after.findings.length,
    verification,
    ok,
    message: `${run.nodesBefore} → ${run.nodesAfter} nodes; ${after.verdict}; outputs ${ok ? 'equal to the original (onnxruntime)' : 'DIFFER from the original'}`,
  };
}
