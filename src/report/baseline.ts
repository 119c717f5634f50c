import { readFileSync } from 'node:fs';
import { InputError } from '../io/input-error.js';
import type { JsonReport } from './report-data.js';

type Key = string;
const key = (f: { ruleId: string; target: string; node: string }): Key => `${f.target}\u0000${f.ruleId}\u0000${f.node}`;

/** Keys of the findings of an earlier JSON report (`--baseline`). */
export function loadBaseline(path: string): Set<Key> {
  let r: JsonReport;
  try {
    r = JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
  } catch (e) {
    throw new InputError(
      path,
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such baseline file'
        : `not a convcheck JSON report (${(e as Error).message})`,
    );
  }
  if (!r || !Array.isArray(r.findings)) throw new InputError(path, 'not a convcheck JSON report (no findings list)');
  return new Set(r.findings.map(key));
}

/** Only the findings that the baseline does not have. */
export function newFindings<T extends { ruleId: string; target: string; node: string }>(
  findings: T[],
  baseline: Set<Key>,
): T[] {
  return findings.filter((f) => !baseline.has(key(f)));
}
