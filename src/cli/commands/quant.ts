/**
 * `convcheck quant <model> --target <t>[,<t>…]`: simulate each target's integer scheme on the model (float model
 * imported, run in onnxruntime-node), rank the layers by damage and advise which to keep at higher precision;
 * `-o` writes that advice in the (single) target's own format.
 */
import type { Args } from '../args.js';
import { allowFlags, flag, flagAll, parseInputShapes } from '../args.js';
import { COMMAND_FLAGS } from '../command-flags.js';
import { loadCommandModel } from '../load-command-model.js';
import { startProgress } from '../progress-bar.js';
import { InputError, UsageError } from '../../io/input-error.js';
import { writeFilesAtomic } from '../../io/atomic-write.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { prepareModel } from '../prepare-model.js';
import { targetsFile } from '../../check/targets.js';
import { quantScheme } from '../../quant/scheme.js';
import { adviceText } from '../../quant/advice-formats.js';
import { analyzeQuantizationTargets } from '../../quant/analysis/analyze-quant.js';
import { onnxRuntimeRunner } from '../../quant/analysis/model-runner.js';
import type { QuantReport } from '../../quant/analysis/quant-report.js';
import type { Sample } from '../../quant/analysis/sample-feeds.js';
import { readCalibration } from '../../quant/calibration-data/read-calibration.js';
import { parsePreprocess, type PreprocessOptions } from '../../quant/calibration-data/preprocess-options.js';
import { syntheticInputs } from '../../quant/calibration-data/synthetic-inputs.js';
import type { Model } from '../../ir/model.js';
import { renderQuantText } from '../../report/quant/quant-text.js';
import { renderQuantJson } from '../../report/quant/quant-json.js';
import { renderQuantMarkdown } from '../../report/quant/quant-markdown.js';
import { MissingDependencyError } from '../../io/input-error.js';
import { EXIT } from '../exit-codes.js';

const RENDERERS: Record<string, (reports: readonly QuantReport[], path: string) => string> = {
  text: renderQuantText,
  json: renderQuantJson,
  markdown: renderQuantMarkdown,
};

/** Samples used without --samples: all given files up to this many; synthetic inputs this many. */
export const DEFAULT_CALIBRATION_SAMPLES = 32;
export const DEFAULT_SYNTHETIC_SAMPLES = 8;

/** Domains onnxruntime-node runs. */
const RUNNABLE_DOMAINS = new Set(['', 'ai.onnx', 'com.microsoft']);

function quantTargets(spec: string | undefined): string[] {
  const known = Object.keys(
    (targetsFile() as unknown as { quantSchemes?: Record<string, unknown> }).quantSchemes ?? {},
  );
  if (!spec || spec === 'all') return known;
  const ids = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) quantScheme(id);
  return ids;
}

function sampleCount(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100000)
    throw new UsageError('--samples takes a whole number from 1 to 100000');
  return n;
}

/** --size HxW as an --input-shape override of a 4-D input's spatial dims. */
function sizeOverride(model: Model, pre: PreprocessOptions, shapes: Map<string, number[]>): void {
  if (!pre.size) return;
  const input = model.graph.inputs.find((v) => !v.data);
  const dims = input?.shape?.map((d) => (typeof d === 'number' ? d : 1));
  if (!input || !dims || dims.length !== 4) throw new UsageError('--size applies to a model with one 4-D input');
  const nhwc = pre.layout === 'nhwc';
  const spatial = nhwc ? [1, 2] : [2, 3];
  dims[spatial[0]!] = pre.size.height;
  dims[spatial[1]!] = pre.size.width;
  shapes.set(input.name, dims);
}

function checkRunnable(model: Model, path: string): void {
  const missing = [...model.graph.values.values()].find(
    (v) => v.data && !v.data.isLoaded && !v.data.isHandle && v.data.count > 0,
  );
  if (missing)
    throw new InputError(
      path,
      `quant needs the weights; '${missing.name}' has none (Caffe: the .caffemodel beside it or --weights)`,
    );
  const foreign = [
    ...new Set(model.graph.nodes.filter((n) => !RUNNABLE_DOMAINS.has(n.domain)).map((n) => `${n.domain}:${n.op}`)),
  ];
  if (foreign.length)
    throw new InputError(
      path,
      `quant runs the model in onnxruntime; these ops have no ONNX form: ${foreign.slice(0, 8).join(', ')}`,
    );
}

export interface QuantOutcome {
  reports: QuantReport[];
  /** The report in the chosen format. */
  text: string;
  /** The advice file (-o) and its content, written by `run`. */
  advice?: { path: string; text: string };
  /** Files -o must never overwrite (the model and the calibration data). */
  inputs: string[];
}

/** Everything `quant` computes, without writing: the reports, the rendered text and the advice file's content. */
export async function quantOutcome(args: Args): Promise<QuantOutcome> {
  allowFlags(args, COMMAND_FLAGS.quant);
  const path = args.positionals[0];
  if (!path) throw new UsageError('quant needs a model file');
  const format = flag(args, 'format') ?? 'text';
  const render = RENDERERS[format];
  if (!render) throw new UsageError(`quant --format must be one of ${Object.keys(RENDERERS).join(', ')}`);
  const targets = quantTargets(flag(args, 'target'));
  const output = flag(args, 'output');
  if (output && targets.length !== 1) throw new UsageError("-o writes one target's advice: give one --target");
  const pre = parsePreprocess({
    mean: flag(args, 'mean'),
    std: flag(args, 'std'),
    layout: flag(args, 'layout'),
    size: flag(args, 'size'),
  });
  const calib = flagAll(args, 'calib');
  const count = sampleCount(
    flag(args, 'samples'),
    calib.length ? DEFAULT_CALIBRATION_SAMPLES : DEFAULT_SYNTHETIC_SAMPLES,
  );
  const inputShapes = parseInputShapes(flagAll(args, 'input-shape'));
  const model = loadCommandModel(args, path, { weights: 'load', inputShapes });
  sizeOverride(model, pre, inputShapes);
  prepareModel(model, { inputShapes });
  checkRunnable(model, path);
  const samples: Sample[] = calib.length
    ? readCalibration(calib, model, pre, count, path)
    : syntheticInputs(model, count, path);
  let reports: QuantReport[];
  const bar = startProgress({ label: 'simulating quantization', unit: 'runs' });
  try {
    reports = await analyzeQuantizationTargets(model, targets, samples, {
      runner: onnxRuntimeRunner(toOnnxBytes),
      synthetic: calib.length === 0,
      onProgress: (done, total) => bar.update(done, total),
    });
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError || e instanceof MissingDependencyError) throw e;
    throw new InputError(path, `onnxruntime could not run the model: ${(e as Error).message}`);
  } finally {
    bar.done();
  }
  const outcome: QuantOutcome = { reports, text: render(reports, path), inputs: [path, ...calib] };
  if (output) {
    const r = reports[0]!;
    outcome.advice = {
      path: output,
      text: adviceText(r.target, r.advice.keep, quantScheme(r.target).higherPrecision.format),
    };
  }
  return outcome;
}

export async function run(args: Args): Promise<number> {
  const outcome = await quantOutcome(args);
  if (outcome.advice) writeFilesAtomic([{ path: outcome.advice.path, chunks: [outcome.advice.text] }], outcome.inputs);
  process.stdout.write(outcome.text);
  return EXIT.ok;
}
