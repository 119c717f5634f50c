// Placeholder so the command table compiles; the 'explain' command's owner replaces this whole file.
import type { Args } from '../args.js';
import { UsageError } from '../../io/input-error.js';

export async function run(_args: Args): Promise<number> {
  throw new UsageError("the 'explain' command is not available yet");
}
