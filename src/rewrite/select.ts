import type { Finding } from '../check/finding.js';
import type { Safety } from './define.js';
import { ALWAYS, PIPELINE } from './pipeline.js';

/** Safety of every implemented rewrite, by id. */
export const SAFETY = new Map<string, Safety>(PIPELINE.map((r) => [r.id, r.safety]));

export interface Selection {
  /** Rewrites the run applies. */
  enabled: Set<string>;
  /** Fixes the findings name that the run does not apply (planned, or not exact without `all`). */
  skipped: string[];
}

/**
 * The rewrites to apply for a target's findings: the always-on exact simplifications plus the fixes the
 * findings name, exact ones only unless `all`; freezing input shapes (an interface change) also when the
 * user gave input shapes.
 */
export function selectRewrites(
  findings: Pick<Finding, 'fix'>[],
  options: { all?: boolean; freezeInputs?: boolean } = {},
): Selection {
  const wanted = new Set<string>([...ALWAYS, ...findings.map((f) => f.fix).filter((f): f is string => !!f)]);
  if (options.freezeInputs) wanted.add('freeze-input-shapes');
  const ok = (id: string): boolean =>
    SAFETY.has(id) &&
    (options.all || SAFETY.get(id) === 'exact' || (id === 'freeze-input-shapes' && !!options.freezeInputs));
  const enabled = new Set([...wanted].filter(ok));
  return { enabled, skipped: [...wanted].filter((id) => !enabled.has(id)) };
}
