#!/usr/bin/env node
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, hasFlag, type Args } from './args.js';
import { UsageError } from '../io/input-error.js';
import { EXIT } from './exit-codes.js';
import { HELP, VERSION } from './help.js';
import { reportError } from './report-error.js';
import { auditBundleServes, loadAuditBundle } from './audit-bundle.js';
import { endQuietlyOnBrokenPipe } from './broken-pipe.js';

/** The commands, explicit and ordered; each module is loaded only when used. */
const COMMAND_MODULES: Record<string, () => Promise<{ run(args: Args): Promise<number> }>> = {
  check: () => import('./commands/check.js'),
  inspect: () => import('./commands/inspect.js'),
  convert: () => import('./commands/convert.js'),
  fix: () => import('./commands/fix.js'),
  targets: () => import('./commands/targets.js'),
  explain: () => import('./commands/explain.js'),
  profile: () => import('./commands/profile.js'),
  quant: () => import('./commands/quant.js'),
};

export async function main(argv: string[]): Promise<number> {
  let args: Args | undefined;
  try {
    args = parseArgs(argv);
    if (hasFlag(args, 'version')) {
      process.stdout.write(`convcheck ${VERSION}\n`);
      return EXIT.ok;
    }
    if (hasFlag(args, 'help') || (args.command === 'check' && args.positionals.length === 0)) {
      process.stdout.write(HELP);
      return hasFlag(args, 'help') ? EXIT.ok : EXIT.badInput;
    }
    const load = COMMAND_MODULES[args.command];
    if (!load) throw new UsageError(`unknown command '${args.command}'`);
    // the bundled bin audits through audit.cjs and its code cache (src/cli/audit-bundle.ts)
    const audit = auditBundleServes(args)
      ? loadAuditBundle(dirname(fileURLToPath(import.meta.url)), args.positionals[0]!)
      : null;
    if (audit) return await audit(args);
    return await (await load()).run(args);
  } catch (e) {
    return reportError(e, args, argv);
  }
}

endQuietlyOnBrokenPipe();
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
