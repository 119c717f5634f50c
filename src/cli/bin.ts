#!/usr/bin/env node
/**
 * The installed bin (dist/bundle/bin.cjs, a CommonJS script: Node starts it without its ES module loader). A
 * non-interactive check runs from audit.cjs and its code cache beside it (src/cli/audit-bundle.ts); anything
 * else, or any doubt, goes to main.js, which parses the arguments again and reports their errors.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, type Args } from './args.js';
import { auditBundleServes, loadAuditBundle, type AuditMain } from './audit-bundle.js';
import { endQuietlyOnBrokenPipe } from './broken-pipe.js';

const here = dirname(fileURLToPath(import.meta.url));

function auditFor(argv: string[]): { audit: AuditMain; args: Args } | null {
  try {
    const args = parseArgs(argv);
    const audit = auditBundleServes(args) ? loadAuditBundle(here, args.positionals[0]!) : null;
    return audit ? { audit, args } : null;
  } catch {
    return null; // main.js says what is wrong with the arguments
  }
}

/**
 * The audit's exit: on Linux at once, since Node writes stdio there synchronously (files, pipes and terminals
 * alike), so nothing is pending and Node's orderly teardown would only cost time; elsewhere as usual.
 */
function endAudit(code: number): void {
  process.exitCode = code;
  if (process.platform === 'linux') process.exit(code);
}

const argv = process.argv.slice(2);
const fast = auditFor(argv);
if (fast) fast.audit(fast.args).then(endAudit);
else {
  endQuietlyOnBrokenPipe();
  void import(pathToFileURL(join(here, 'main.js')).href);
}
