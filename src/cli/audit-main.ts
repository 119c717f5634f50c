/**
 * The entry of the audit bundle (dist/bundle/audit.cjs, built by scripts/bundle.mjs): the non-interactive
 * check command and its error report, as one CommonJS script that the bin compiles with V8's code cache
 * (src/cli/audit-bundle.ts). The script carries its own copies of the error classes, so it reports its
 * errors itself.
 */
import type { Args } from './args.js';
import { run } from './commands/check.js';
import { reportError } from './report-error.js';

export async function auditMain(args: Args): Promise<number> {
  try {
    return await run(args);
  } catch (e) {
    return reportError(e, args, []);
  }
}
