/**
 * The quantization analysis: model, target scheme(s), input samples → a report per target. One float run over the
 * calibration samples with every layer's input and output exposed (shared by targets that fold the same way);
 * then per target, on the first few samples (the evaluation samples): every layer alone in one run of the isolated
 * model, the whole model quantized in one run (accumulated errors and end-to-end), and once more with the advised
 * layers kept float (the predicted end-to-end error). Views (CLI, TUI, progress bars) call this and render.
 */
import { cloneModel } from '../../ir/clone.js';
import type { Model } from '../../ir/model.js';
import type { Node } from '../../ir/node.js';
import { fakeQuantGraph, quantizableNodes } from '../fake-quant-graph.js';
import type { LinearParams } from '../linear-quant.js';
import { weightGridKey } from '../weight-quant.js';
import { ROUND_AWAY_MIN_OPSET } from '../round-away-graph.js';
import { quantScheme, type QuantScheme, type QuantTensorScheme } from '../scheme.js';
import { activationDiagnostics, type ActivationDiagnostics } from './activation-diagnostics.js';
import { calibrateActivation, type ActivationQuant, type RangeCache } from './calibrate-activation.js';
import { chooseKept, rankByDamage } from './choose-advice.js';
import { QuantErrorSum } from './error-sum.js';
import { exposeValues } from './expose-values.js';
import { foldForScheme, type FoldedModel } from './fold-for-scheme.js';
import { addIsolatedLayers } from './add-isolated-layers.js';
import { compareRun, type Comparison } from './compare-run.js';
import type { ModelRunner } from './model-runner.js';
import { WeightGrids } from './weight-grids.js';
import type { LayerReport, OutputError, QuantReport } from './quant-report.js';
import type { Sample, Tensors } from './sample-feeds.js';
import { statsFor, type TensorStats } from './tensor-stats.js';

export interface AnalyzeOptions {
  runner: ModelRunner;
  /** Samples the errors are measured on (the first ones of the inputs; default 4). */
  evaluationSamples?: number;
  /** The inputs are seeded synthetic data: the report says its results are indicative. */
  synthetic?: boolean;
  /** At most this many layers advised (default: 10% of the layers). */
  maxKeep?: number;
  onProgress?(done: number, total: number): void;
}

export const DEFAULT_EVALUATION_SAMPLES = 4;

interface FloatPass {
  stats: Map<string, TensorStats>;
  /** Calibrated activation ranges, shared by the targets whose algorithm reads the same (calibrate-activation.ts). */
  ranges: RangeCache;
  /** Activation diagnostics by tensor (they depend on the statistics only). */
  diagnostics: Map<string, ActivationDiagnostics>;
  /** Fake-quantized weights and their diagnostics, shared by the targets with the same weight grid. */
  weights: WeightGrids;
  stored: Tensors[];
  finals: string[];
  layers: Node[];
}

type Tick = () => void;

function errorsOf(sums: Map<string, QuantErrorSum>, names: readonly string[]): OutputError[] {
  return names.map((output) => ({ output, error: (sums.get(output) ?? new QuantErrorSum()).result() }));
}

async function floatPass(
  folded: FoldedModel,
  samples: readonly Sample[],
  options: AnalyzeOptions,
  evaluationCount: number,
  tick: Tick,
): Promise<FloatPass> {
  const model = cloneModel(folded.model);
  const finals = model.graph.outputs.filter((v) => v.dtype === 'float32').map((v) => v.name);
  const layers = quantizableNodes(folded.model.graph);
  const layerInputs = layers.flatMap((n) => n.inputs.filter((v) => v && !v.data).map((v) => v!.name));
  const layerOutputs = layers.map((n) => n.outputs[0]!.name);
  const names = exposeValues(model, [...layerInputs, ...layerOutputs, ...finals]);
  const stats = new Map(layers.map((n) => [n.inputs[0]!.name, statsFor(samples.length)]));
  const stored: Tensors[] = [];
  await options.runner.run(model, samples, names, (tensors, i) => {
    for (const [name, s] of stats) {
      const t = tensors.get(name);
      if (t) s.add(t.data, t.dims);
    }
    if (i < evaluationCount) stored.push(tensors);
    tick();
  });
  return { stats, ranges: new Map(), diagnostics: new Map(), weights: new WeightGrids(), stored, finals, layers };
}

/** The output's channel axis: 1 for convolutions, the last axis for Gemm/MatMul (−1 resolved on the stored dims). */
function outputChannelAxis(node: Node): number {
  const rank = node.outputs[0]?.shape?.length ?? 2;
  return node.op === 'Conv' || node.op === 'ConvTranspose' ? 1 : rank - 1;
}

function describeTensor(t: QuantTensorScheme): string {
  const sym = t.symmetric ? 'symmetric' : 'asymmetric';
  return `${t.bits}-bit ${sym} ${t.granularity}${t.powerOfTwoScale ? ' power-of-two' : ''}`;
}

function activationMaps(layers: readonly Node[], quants: ReadonlyMap<string, ActivationQuant>, model: Model) {
  const linear = new Map<string, LinearParams>();
  const log = new Map<string, number>();
  const logAllowed = (model.opsets.get('') ?? 0) >= 11;
  for (const node of layers) {
    const name = node.inputs[0]!.name;
    const q = quants.get(name);
    if (q?.kind === 'linear') linear.set(name, q.params);
    else if (q?.kind === 'nnie-log' && logAllowed) log.set(name, q.z);
  }
  return { linear, log, logAllowed };
}

function diagnosticsOf(pass: FloatPass, name: string): ActivationDiagnostics {
  let d = pass.diagnostics.get(name);
  if (!d) pass.diagnostics.set(name, (d = activationDiagnostics(pass.stats.get(name)!)));
  return d;
}

async function analyzeTarget(
  target: string,
  scheme: QuantScheme,
  folded: FoldedModel,
  pass: FloatPass,
  samples: readonly Sample[],
  options: AnalyzeOptions,
  tick: Tick,
): Promise<QuantReport> {
  const { layers, stored, finals } = pass;
  const evalSamples = samples.slice(0, stored.length);
  const quants = new Map(
    [...pass.stats].map(([name, s]) => [name, calibrateActivation(s, scheme, { name, cache: pass.ranges })]),
  );
  const maps = activationMaps(layers, quants, folded.model);
  const grid = pass.weights.forScheme(scheme, layers);
  const weightCache = grid.cache;
  const simulate = (model: Model, keepFloat?: Set<string>): Model =>
    fakeQuantGraph(model, { scheme, activations: maps.linear, logActivations: maps.log, keepFloat, weightCache });
  const outputs = layers.map((n) => n.outputs[0]!.name);
  const axisOf = new Map(layers.map((n) => [n.outputs[0]!.name, outputChannelAxis(n)]));
  const outputAxis = (name: string): number => axisOf.get(name) ?? 1; // a model output: its axis 1

  // one session: the whole model quantized, and every layer alone fed with the stored float intermediates
  const combined = cloneModel(folded.model);
  const iso = addIsolatedLayers(combined, layers);
  for (const [name, input] of iso.inputOf) {
    const linear = maps.linear.get(name);
    const log = maps.log.get(name);
    if (linear) maps.linear.set(input, linear);
    if (log !== undefined) maps.log.set(input, log);
  }
  simulate(combined);
  const accNames = exposeValues(combined, [...outputs, ...finals]);
  const comparisons: Comparison[] = [
    ...outputs.map((name) => ({ stored: name, output: iso.outputOf.get(name)!, axis: outputAxis(name) })),
    ...accNames.map((name) => ({ stored: name, output: name, axis: outputAxis(name) })),
  ];
  const feeds = evalSamples.map((sample, i) => ({ ...sample, ...storedFeeds(iso.inputOf, stored[i]!) }));
  const sums = await compareRun(options.runner, combined, feeds, comparisons, stored, tick);
  const isoErrors = new Map(outputs.map((name, k) => [name, sums[k]!]));
  const accErrors = new Map(accNames.map((name, k) => [name, sums[outputs.length + k]!]));

  const reports: LayerReport[] = layers.map((node) => {
    const output = node.outputs[0]!.name;
    const input = node.inputs[0]!.name;
    const q = quants.get(input)!;
    return {
      node: node.name,
      op: node.op,
      origin: node.origin ? { name: node.origin.name, type: node.origin.type } : null,
      output,
      input,
      isolated: isoErrors.get(output)!.result(),
      accumulated: (accErrors.get(output) ?? new QuantErrorSum()).result(),
      weights: grid.diagnostics.get(node)!,
      foldedBatchNorm: folded.folded.has(output),
      activation: diagnosticsOf(pass, input),
      calibratedRange: { lo: q.range.lo, hi: q.range.hi },
    };
  });
  const ranked = rankByDamage(reports);
  const kept = chooseKept(ranked, options.maxKeep);
  const endToEnd = errorsOf(accErrors, finals);
  let predicted = endToEnd;
  if (kept.length > 0) {
    const advised = simulate(cloneModel(folded.model), new Set(kept.map((l) => l.output)));
    const finalComparisons = finals.map((name) => ({ stored: name, output: name, axis: outputAxis(name) }));
    const advisedSums = await compareRun(options.runner, advised, evalSamples, finalComparisons, stored, tick);
    const advisedErrors = new Map(finals.map((name, k) => [name, advisedSums[k]!]));
    predicted = errorsOf(advisedErrors, finals);
  } else skipped(evalSamples.length, tick);

  const warnings: string[] = [];
  if (options.synthetic)
    warnings.push('no calibration data given: seeded synthetic inputs were used, so these results are indicative only');
  if (layers.length === 0)
    warnings.push('no quantizable layer (Conv, ConvTranspose, Gemm or MatMul with a constant float weight)');
  if (
    scheme.activations.rounding === 'half-away-from-zero' &&
    (folded.model.opsets.get('') ?? 0) < ROUND_AWAY_MIN_OPSET
  )
    warnings.push('opset < 9: activations are rounded half to even (QuantizeLinear), not half away from zero');
  if (scheme.kind === 'nnie-log' && !maps.logAllowed)
    warnings.push('opset < 11: the log activation quantization (needs Round) is not simulated, only the weights');
  return {
    target,
    scheme: {
      kind: scheme.kind,
      weights: describeTensor(scheme.weights),
      activations: describeTensor(scheme.activations),
      calibration: scheme.calibration.default,
    },
    synthetic: options.synthetic ?? false,
    calibrationSamples: samples.length,
    evaluationSamples: evalSamples.length,
    layers: ranked,
    endToEnd,
    advice: { keep: kept.map((l) => ({ node: l.node, output: l.output })), predicted },
    warnings,
  };
}

/** No run needed: the progress still advances by the runs it stands for. */
function skipped(runs: number, tick: Tick): Map<string, QuantErrorSum> {
  for (let i = 0; i < runs; i++) tick();
  return new Map();
}

/** The stored float tensors feeding the isolated layers' inputs. */
function storedFeeds(inputOf: ReadonlyMap<string, string>, stored: Tensors): Sample {
  const feeds: Sample = {};
  for (const [name, input] of inputOf) {
    const t = stored.get(name);
    if (t) feeds[input] = { type: 'float32', dims: t.dims, data: t.data };
  }
  return feeds;
}

/** Analyze several targets; targets whose schemes fold the same way share one float run. */
export async function analyzeQuantizationTargets(
  model: Model,
  targets: readonly string[],
  samples: readonly Sample[],
  options: AnalyzeOptions,
): Promise<QuantReport[]> {
  const schemes = targets.map((t) => quantScheme(t));
  const evaluationCount = Math.min(samples.length, options.evaluationSamples ?? DEFAULT_EVALUATION_SAMPLES);
  const foldKey = (s: QuantScheme): string => (s.fusions.convBatchNorm ? 'fold' : 'plain');
  const groups = new Set(schemes.map(foldKey));
  const total = groups.size * samples.length + targets.length * 2 * evaluationCount;
  let done = 0;
  const tick: Tick = () => options.onProgress?.(++done, total);
  const passes = new Map<string, { folded: FoldedModel; pass: FloatPass }>();
  const reports: QuantReport[] = [];
  for (const [i, target] of targets.entries()) {
    const scheme = schemes[i]!;
    let shared = passes.get(foldKey(scheme));
    if (!shared) {
      const folded = foldForScheme(model, scheme);
      shared = { folded, pass: await floatPass(folded, samples, options, evaluationCount, tick) };
      passes.set(foldKey(scheme), shared);
    }
    reports.push(await analyzeTarget(target, scheme, shared.folded, shared.pass, samples, options, tick));
    const later = schemes.slice(i + 1).filter((s) => foldKey(s) === foldKey(scheme));
    if (!later.some((s) => weightGridKey(s) === weightGridKey(scheme))) shared.pass.weights.release(scheme);
  }
  return reports;
}

/** The analysis of one target (see analyzeQuantizationTargets). */
export async function analyzeQuantization(
  model: Model,
  target: string,
  samples: readonly Sample[],
  options: AnalyzeOptions,
): Promise<QuantReport> {
  return (await analyzeQuantizationTargets(model, [target], samples, options))[0]!;
}
