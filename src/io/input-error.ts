/**
 * A problem with the user's input (bad file, bad option). The CLI prints it as one line,
 * `convcheck: <file>: <problem>`, and exits 2 without a stack trace.
 */
export class InputError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
  }
}
/** A usage error (unknown flag, missing argument): exit 2. */
export class UsageError extends Error {}
