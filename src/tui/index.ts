/**
 * The interactive terminal UI, loaded only on a TTY. Loads the model with a progress bar,
 * checks every target, then renders the ink app on the alternate screen and restores the terminal.
 */
import { createElement } from 'react';
import { render } from 'ink';
import { statSync } from 'node:fs';
import { loadModel } from '../../converters/index.js';
import { findExportPipeline } from '../cli/export-pipeline/index.js';
import { prepareModel } from '../cli/prepare-model.js';
import { checkModel } from '../check/engine.js';
import { resolveTarget, targetIds } from '../check/targets.js';
import type { TargetResult } from '../check/finding.js';
import { App } from './app.js';
import { setColor } from './color.js';
import type { TuiSession } from './session.js';
import { applyFix, planFix } from './fix-session.js';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import { withReadProgress } from '../cli/progress-hooks.js';
import { profileModel, type TargetCost } from '../profile/profile-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import type { QuantReport } from '../quant/analysis/quant-report.js';
import { quantViewReport } from './quant-session.js';

export interface TuiOptions {
  path: string;
  targets: string[];
  inputShapes: Map<string, number[]>;
  ignore: Set<string>;
  weightsPath?: string;
}

export async function runTui(o: TuiOptions): Promise<number> {
  const err = process.stderr;
  const progress = (text: string): void => {
    if (err.isTTY) err.write(`\r\x1b[2K${termText(text, MESSAGE_MAX)}`);
  };
  const model = withReadProgress(o.path, false, (onProgress) =>
    loadModel(o.path, { weights: 'lazy', weightsPath: o.weightsPath, inputShapes: o.inputShapes, onProgress }),
  );
  progress(`convcheck: ${o.path}: ${model.graph.nodes.length} nodes parsed, inferring shapes…`);
  prepareModel(model, { inputShapes: o.inputShapes });
  const session = buildSession(model, o);
  progress('');
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') setColor(false);
  process.stdout.write('\x1b[?1049h\x1b[H');
  const app = render(createElement(App, { session }), { exitOnCtrlC: false });
  // the terminal reflows the old frame on a resize: clear the screen and draw the whole frame anew
  const redraw = (): void => {
    process.stdout.write('\x1b[2J\x1b[H');
    app.clear();
    app.rerender(createElement(App, { session }));
  };
  process.stdout.on('resize', redraw);
  try {
    await app.waitUntilExit();
  } finally {
    process.stdout.off('resize', redraw);
    app.cleanup();
    process.stdout.write('\x1b[?1049l');
  }
  const worst = session.targets
    .map((t) => session.result(t.id))
    .some((r) => r.findings.some((f) => f.level === 'error'));
  return worst ? 1 : 0;
}

/** The UI's view of the model: check results per target (computed once, all five for the matrix). */
export function buildSession(
  model: ReturnType<typeof loadModel>,
  o: Pick<TuiOptions, 'path' | 'targets' | 'ignore'>,
): TuiSession {
  const chosen = o.targets.length ? o.targets : targetIds();
  const ids = [...chosen, ...targetIds().filter((t) => !chosen.some((c) => c.split(':')[0] === t))].slice(0, 9);
  let current = model; // copy-on-write: a fix adopts a fixed copy, never changes the model in place
  const results = new Map<string, TargetResult>();
  const costs = new Map<string, TargetCost>();
  // per target: the analysis under way or done, and the progress callback of the view that asked last
  const quants = new Map<
    string,
    { report: Promise<QuantReport>; onProgress?: (done: number, total: number) => void }
  >();
  const result = (id: string): TargetResult => {
    let r = results.get(id);
    if (!r) {
      r = checkModel(current, [id], { ignore: o.ignore })[0]!;
      results.set(id, r);
    }
    return r;
  };
  let size = model.fileSize;
  try {
    size = statSync(o.path).size;
  } catch {
    /* keep the importer's figure */
  }
  return {
    get model() {
      return current;
    },
    modelPath: o.path,
    fileSize: size,
    targets: ids.map((id) => resolveTarget(id)).map((t) => ({ id: t.id, title: t.title })),
    result,
    cost: (id) => {
      let c = costs.get(id);
      if (!c) {
        c = profileModel(current, { targets: [id], checks: [result(id)] }).targets[0]!;
        costs.set(id, c);
      }
      return c;
    },
    planFix: (id) => planFix(current, id),
    applyFix: async (id) => {
      const { outcome, fixed } = await applyFix(current, id);
      current = fixed;
      results.clear();
      costs.clear();
      quants.clear();
      return outcome;
    },
    exportModel: (format, path) => findExportPipeline(format).run(current, path, { protect: [o.path] }),
    quant: (id, onProgress) => {
      let q = quants.get(id);
      if (!q) {
        const entry: { report?: Promise<QuantReport>; onProgress?: (done: number, total: number) => void } = {};
        const report = quantViewReport(current, id, o.path, toOnnxBytes, (done, total) =>
          entry.onProgress?.(done, total),
        );
        report.catch(() => quants.delete(id)); // a failed run is tried again on the next visit
        q = Object.assign(entry, { report });
        quants.set(id, q);
      }
      q.onProgress = onProgress;
      return q.report;
    },
  };
}
