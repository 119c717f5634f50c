import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags, flag, flagAll, parseInputShapes } from '../args.js';
import { UsageError } from '../../io/input-error.js';
import { writeFilesAtomic } from '../../io/atomic-write.js';
import { loadCommandModel } from '../load-command-model.js';
import { prepareModel } from '../prepare-model.js';
import { checkModel } from '../../check/engine.js';
import { parseTargetList } from '../../check/targets.js';
import { profileModel } from '../../profile/profile-model.js';
import { PRECISIONS, type Precision } from '../../profile/precision.js';
import { renderProfileText } from '../../report/profile/profile-text.js';
import { renderProfileJson } from '../../report/profile/profile-json.js';
import { renderProfileMarkdown } from '../../report/profile/profile-markdown.js';
import { EXIT } from '../exit-codes.js';

const RENDERERS: Record<string, (p: ReturnType<typeof profileModel>, path: string) => string> = {
  text: renderProfileText,
  json: renderProfileJson,
  markdown: renderProfileMarkdown,
};

/** `convcheck profile <model> [--target t] [--precision p]`: MACs, bytes, peak memory and a roofline per target. */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.profile);
  const path = args.positionals[0];
  if (!path) throw new UsageError('profile needs a model file');
  const format = flag(args, 'format') ?? 'text';
  const render = RENDERERS[format];
  if (!render) throw new UsageError(`profile --format must be one of ${Object.keys(RENDERERS).join(', ')}`);
  const precision = flag(args, 'precision') ?? null;
  if (precision !== null && !PRECISIONS.includes(precision as Precision))
    throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}`);
  const targets = flag(args, 'target') ? parseTargetList(flag(args, 'target')) : [];
  const inputShapes = parseInputShapes(flagAll(args, 'input-shape'));
  const model = loadCommandModel(args, path, { weights: 'lazy', inputShapes });
  prepareModel(model, { inputShapes });
  const checks = checkModel(model, targets);
  const profile = profileModel(model, { targets, checks, precision: precision as Precision | null });
  const text = render(profile, path);
  const output = flag(args, 'output');
  if (output) writeFilesAtomic([{ path: output, chunks: [text] }], [path]);
  else process.stdout.write(text);
  return EXIT.ok;
}
