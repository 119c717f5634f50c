#!/usr/bin/env node
import { parseArgs, hasFlag, type Args } from './args.js';
import { InputError, MissingDependencyError, UsageError } from '../io/input-error.js';
import { EXIT } from './exit-codes.js';
import { HELP, VERSION } from './help.js';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';

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
    return await (await load()).run(args);
  } catch (e) {
    const debug = args ? hasFlag(args, 'debug') : argv.includes('--debug');
    if (debug) process.stderr.write(`${(e as Error).stack ?? e}\n`);
    // a message may quote a model's strings or the user's arguments: one line, no terminal control
    const say = (s: string): string => termText(s, MESSAGE_MAX);
    if (e instanceof InputError) process.stderr.write(`convcheck: ${say(e.file)}: ${e.problem}\n`);
    else if (e instanceof UsageError) process.stderr.write(`convcheck: ${say(e.message)} (see convcheck --help)\n`);
    else if (e instanceof MissingDependencyError) process.stderr.write(`convcheck: ${e.message}\n`);
    else if (e instanceof RangeError && /allocation|Array buffer|Invalid typed array length/i.test(e.message))
      process.stderr.write(`convcheck: ${say(args?.positionals[0] ?? '')}: out of memory (${e.message})\n`);
    else
      process.stderr.write(
        `convcheck: internal error: ${say(String((e as Error).message ?? e))} (run with --debug for the stack)\n`,
      );
    return EXIT.badInput;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
