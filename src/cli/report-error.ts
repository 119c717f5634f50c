import { hasFlag, type Args } from './args.js';
import { InputError, MissingDependencyError, UsageError } from '../io/input-error.js';
import { EXIT } from './exit-codes.js';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';

/**
 * How a command's failure reaches the user: one line on stderr (the stack with --debug), exit code 2.
 * `argv` serves when the arguments did not parse (`args` undefined).
 */
export function reportError(e: unknown, args: Args | undefined, argv: string[]): number {
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
