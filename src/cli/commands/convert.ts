import { loadCommandModel } from '../load-command-model.js';
import { statSync } from 'node:fs';
import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags, flag, flagAll, hasFlag, parseInputShapes } from '../args.js';
import { UsageError } from '../../io/input-error.js';
import { exporters } from '../../../converters/index.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { EXIT } from '../exit-codes.js';
import { prepareModel } from '../prepare-model.js';
import { withWriteProgress } from '../progress-hooks.js';
import { findExportPipeline } from '../export-pipeline/index.js';
import { MESSAGE_MAX, termText } from '../../report/safe-text.js';

/** `convcheck convert <model> --to <format> -o <out>`: import, infer shapes, write through the format's export pipeline. */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.convert);
  const path = args.positionals[0];
  const to = flag(args, 'to');
  const out = flag(args, 'output');
  if (!path) throw new UsageError('convert needs a model file');
  if (!to) throw new UsageError(`convert needs --to (${exporters.map((e) => e.format).join(', ')})`);
  if (!out) throw new UsageError('convert needs -o <output file>');
  const pipeline = findExportPipeline(to);
  const inputShapes = parseInputShapes(flagAll(args, 'input-shape'));
  const quiet = hasFlag(args, 'quiet');
  const model = loadCommandModel(args, path, { weights: 'load', inputShapes });
  prepareModel(model, { inputShapes });
  let files: string[];
  const summary: string[] = [];
  try {
    files = withWriteProgress(`writing ${to}`, quiet, (onProgress) =>
      pipeline.run(model, out, {
        externalData: hasFlag(args, 'external-data'),
        fp16: hasFlag(args, 'fp16'),
        protect: [path, ...(flag(args, 'weights') ? [flag(args, 'weights')!] : [])],
        summary,
        onProgress,
      }),
    );
  } catch (e) {
    if (!(e instanceof ExportBlocked)) throw e;
    process.stderr.write(
      `convcheck: ${termText(path, MESSAGE_MAX)}: cannot convert to ${to}, nothing written; blockers:\n${e.blockers.map((b) => `  ${termText(b, MESSAGE_MAX)}`).join('\n')}\n`,
    );
    return EXIT.findings;
  }
  if (!quiet) {
    const sizes = files.map((f) => `${f} (${statSync(f).size} bytes)`);
    process.stdout.write(
      `convcheck: wrote ${sizes.join(', ')} (${to}, from ${model.graph.nodes.length} IR nodes)\n${summary.map((l) => `  ${termText(l, MESSAGE_MAX)}\n`).join('')}`,
    );
  }
  return EXIT.ok;
}
