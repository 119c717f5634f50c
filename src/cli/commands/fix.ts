// Placeholder so the command table compiles; the 'fix' command's owner replaces this whole file.
import type { Args } from '../args.js';
import { UsageError } from '../../io/input-error.js';

export async function run(_args: Args): Promise<number> {
  throw new UsageError("the 'fix' command is not available yet");
}
