import { loadCommandModel } from '../load-command-model.js';
import type { Args } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { allowFlags, flag, flagAll, hasFlag, parseInputShapes } from '../args.js';
import { UsageError } from '../../io/input-error.js';
import { writeFilesAtomic } from '../../io/atomic-write.js';
import { prepareModel } from '../prepare-model.js';
import { checkModel } from '../../check/engine.js';
import { parseTargetList } from '../../check/targets.js';
import { loadConfig } from '../../config/load-config.js';
import { buildReport } from '../../report/report-data.js';
import { renderText } from '../../report/text.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderJunit } from '../../report/junit.js';
import { renderSarif } from '../../report/sarif.js';
import { renderHtmlReport } from '../../report/html/render-html.js';
import { loadBaseline, newFindings } from '../../report/baseline.js';
import { EXIT } from '../exit-codes.js';
import { isTerminal, writeStdout } from '../terminal.js';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'html'];
const LEVELS = ['info', 'warning', 'error'];

/** `convcheck <model> [--target …] [--format …]`: check, report, exit 0/1/2. */
export async function run(args: Args): Promise<number> {
  allowFlags(args, COMMAND_FLAGS.check);
  if (hasFlag(args, 'fix')) return (await import('./fix.js')).run(args);
  const path = args.positionals[0];
  if (!path) throw new UsageError('give a model file');
  if (args.positionals.length > 1) throw new UsageError(`one model at a time (got ${args.positionals.join(', ')})`);
  const cfg = loadConfig(flag(args, 'config'));
  const format = flag(args, 'format') ?? cfg.format;
  if (format && !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = flag(args, 'fail-on') ?? cfg.failOn ?? 'error';
  if (!LEVELS.includes(failOn)) throw new UsageError(`--fail-on must be error, warning or info`);
  const targets = parseTargetList(
    flag(args, 'target') ?? (Array.isArray(cfg.targets) ? cfg.targets.join(',') : cfg.targets),
  );
  const inputShapes = new Map([
    ...Object.entries(cfg.inputShapes ?? {}),
    ...parseInputShapes(flagAll(args, 'input-shape')),
  ]);
  const ignore = new Set([...(cfg.ignore ?? []), ...flagAll(args, 'ignore')]);
  const baseline = flag(args, 'baseline') ? loadBaseline(flag(args, 'baseline')!) : null;

  const interactive = !format && !hasFlag(args, 'no-tui') && !flag(args, 'output') && isTerminal(1) && isTerminal(0);
  if (interactive) {
    // a person is at this terminal: ink must render interactively even where a CI variable is set
    process.env.CI = '0';
    const tui = await import('../../tui/index.js');
    return tui.runTui({ path, targets, inputShapes, ignore, weightsPath: flag(args, 'weights') });
  }

  const model = loadCommandModel(args, path, { weights: 'lazy', inputShapes });
  prepareModel(model, { inputShapes });
  const results = checkModel(model, targets, { ignore });
  const report = buildReport(model, results, { cost: true });
  if (baseline) report.findings = newFindings(report.findings, baseline);
  const color =
    !hasFlag(args, 'no-color') &&
    !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') &&
    (hasFlag(args, 'color') || (!flag(args, 'output') && isTerminal(1)));
  const renderers: Record<string, () => string> = {
    html: () => renderHtmlReport(model, results, report),
    json: () => JSON.stringify(report, null, 2) + '\n',
    sarif: () => renderSarif(report),
    markdown: () => renderMarkdown(report),
    junit: () =>
      renderJunit(
        report,
        model.graph.nodes.map((n, i) => n.name || `${n.op}#${i}`),
      ),
    text: () => renderText(report, { color }),
  };
  const text = renderers[format ?? 'text']!();
  const out = flag(args, 'output');
  if (out) writeFilesAtomic([{ path: out, chunks: [text] }], [path]);
  else writeStdout(text);
  const threshold = LEVELS.indexOf(failOn);
  return report.findings.some((f) => LEVELS.indexOf(f.level) >= threshold) ? EXIT.findings : EXIT.ok;
}
