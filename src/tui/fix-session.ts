import type { Model } from '../ir/model.js';
import { checkModel } from '../check/engine.js';
import { runRewrites } from '../rewrite/engine.js';
import { selectRewrites } from '../rewrite/select.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { verifyModels } from '../verify/compare-runs.js';
import type { FixOutcome, FixPlan } from './session.js';
import { cloneModel } from '../ir/clone.js';

/** The exact rewrites a target's findings call for (plus the always-on simplifications). */
function enabledFor(model: Model, targetId: string): Set<string> {
  return selectRewrites(checkModel(model, [targetId])[0]!.findings).enabled;
}

/** Preview: run the rewrites on a copy and list what would change. */
export function planFix(model: Model, targetId: string): FixPlan {
  const copy = cloneModel(model);
  const run = runRewrites(copy, enabledFor(copy, targetId));
  const by = new Map<string, { safety: string; nodes: string[] }>();
  for (const a of run.applications) {
    const e = by.get(a.rule) ?? { safety: a.safety, nodes: [] };
    e.nodes.push(...a.before);
    by.set(a.rule, e);
  }
  return { rules: [...by].map(([rule, e]) => ({ rule, safety: e.safety, nodes: e.nodes })) };
}

/**
 * Apply the fixes to a copy of the session's model, re-check and verify against the model as it was. The
 * session's model is left as it was; the caller adopts `fixed` (copy-on-write).
 */
export async function applyFix(input: Model, targetId: string): Promise<{ outcome: FixOutcome; fixed: Model }> {
  const original = toOnnxBytes(input);
  const model = cloneModel(input);
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
      .map((s) => ({
        output: s.output,
        ...(s.problem ? { problem: s.problem } : {}),
        maxAbs: s.maxAbs,
        maxRel: s.maxRel,
        cosine: s.cosine,
      }));
    ok = v.ok;
  } catch (e) {
    const outcome: FixOutcome = {
      applied: [...by].map(([rule, nodes]) => ({ rule, nodes })),
      remaining: after.findings.length,
      verification: null,
      ok: false,
      message: `applied; verification could not run: ${(e as Error).message}`,
    };
    return { outcome, fixed: model };
  }
  const outcome: FixOutcome = {
    applied: [...by].map(([rule, nodes]) => ({ rule, nodes })),
    remaining: after.findings.length,
    verification,
    ok,
    message: `${run.nodesBefore} → ${run.nodesAfter} nodes; ${after.verdict}; outputs ${ok ? 'equal to the original (onnxruntime)' : 'DIFFER from the original'}`,
  };
  return { outcome, fixed: model };
}
