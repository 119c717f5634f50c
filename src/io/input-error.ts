import { termText } from '../report/safe-text.js';

/**
 * A problem with the user's input (bad file, bad option). The CLI prints it as one line,
 * `convcheck: <file>: <problem>`, and exits 2 without a stack trace. Names taken from a corrupt
 * file may hold anything: control characters are escaped and long problems shortened, so the
 * message stays one readable line.
 */
export class InputError extends Error {
  readonly problem: string;
  constructor(
    readonly file: string,
    problem: string,
  ) {
    const clean = oneLine(problem);
    super(`${file}: ${clean}`);
    this.problem = clean;
  }
}

export function oneLine(s: string, max = 400): string {
  return termText(s.replace(/\ufffd/g, '?'), max);
}

/** A usage error (unknown flag, missing argument): exit 2. */
export class UsageError extends Error {}

/** An optional dependency a command needs is not installed: one line naming the install command, exit 2. */
export class MissingDependencyError extends Error {}
