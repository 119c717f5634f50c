import { parseModelText } from '../../src/ir/text.js';
import { inferShapes } from '../../src/shape/infer.js';
import { checkModel } from '../../src/check/engine.js';
import type { Finding } from '../../src/check/finding.js';
import type { Model } from '../../src/ir/model.js';

/** Parse a text-form model, infer shapes, check one target; returns findings and the result. */
export function checkText(
  src: string,
  target: string,
  mutate?: (m: Model) => void,
): { findings: Finding[]; ids: string[]; result: ReturnType<typeof checkModel>[0] } {
  const m = parseModelText(src);
  mutate?.(m);
  inferShapes(m);
  const result = checkModel(m, [target])[0]!;
  return { findings: result.findings, ids: result.findings.map((f) => f.ruleId), result };
}
