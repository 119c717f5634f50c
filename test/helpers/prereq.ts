import type { Test, Callback } from 'uvu';

/** Something a test needs from the machine: the corpus, a Debian package, a build. */
export interface Prereq {
  name: string;
  ok: boolean;
  /** How to get it, for the failure or skip message. */
  install: string;
}

const inCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

/**
 * Register tests that need `prereqs`. When all are present the test runs; when one is missing it is a counted
 * skip in uvu's summary (`Skipped: N`) — and with CI=true it is a failing test that names what is missing, so a
 * CI machine without a prerequisite fails loudly instead of passing green.
 */
export function needing(suite: Test, ...prereqs: Prereq[]): (name: string, fn: Callback) => void {
  const missing = prereqs.filter((p) => !p.ok);
  if (missing.length === 0) return (name, fn) => suite(name, fn);
  const why = missing.map((p) => `${p.name} (${p.install})`).join(', ');
  if (inCi())
    return (name) =>
      suite(name, () => {
        throw new Error(`missing prerequisite: ${why}`);
      });
  return (name, fn) => {
    process.stderr.write(`  skip ${name}: missing ${why}\n`);
    suite.skip(name, fn);
  };
}
