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
import { tensorToFloat32 } from '../../ir/typed-data.js';
import { fakeQuantGraph, channelAxis, quantizableNodes } from '../fake-quant-graph.js';
import type { LinearParams } from '../linear-quant.js';
import { QUANTIZABLE_OPS } from '../quantizable-ops.js';
import { quantScheme, type QuantScheme, type QuantTensorScheme } from '../scheme.js';
import { weightDiagnostics } from '../weight-diagnostics.js';
import { activationDiagnostics } from './activation-diagnostics.js';
import { calibrateActivation, type ActivationQuant } from './calibrate-activation.js';
import { chooseKept, rankByDamage } from './choose-advice.js';
import { QuantErrorSum } from './error-sum.js';
import { exposeValues } from './expose-values.js';
import { foldForScheme, type FoldedModel } from './fold-for-scheme.js';
import { isolatedLayersModel } from './isolated-layers-model.js';
import type { ModelRunner } from './model-runner.js';
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
  /** Activation parameters already calibrated, by tensor and scheme (targets with one algorithm share them). */
  calibrated: Map<string, ActivationQuant>;
  stored: Tensors[];
  finals: string[];
  layers: Node[];
}

type Tick = () => void;

function errorsOf(sums: Map<string, QuantErrorSum>, names: readonly string[]): OutputError[] {
  return names.map((output) => ({ output, error: (sums.get(output) ?? new QuantErrorSum()).result() }));
}

/**
 * Compare runs of `model` on `samples` with the stored float tensors, summing errors per stored name;
 * `runName` maps a stored name to the run's output holding the same tensor (default: the same name).
 */
async function errorRun(
  runner: ModelRunner,
  model: Model,
  samples: readonly Sample[],
  names: readonly string[],
  stored: readonly Tensors[],
  tick: Tick,
  runName: (name: string) => string = (name) => name,
  channelAxis: (name: string) => number | undefined = () => undefined,
): Promise<Map<string, QuantErrorSum>> {
  const sums = new Map(names.map((n) => [n, new QuantErrorSum()]));
  await runner.run(model, samples, names.map(runName), (tensors, i) => {
    for (const name of names) {
      const reference = stored[i]?.get(name);
      const t = tensors.get(runName(name));
      if (reference && t) sums.get(name)!.add(reference.data, t.data, reference.dims, channelAxis(name));
    }
    tick();
  });
  return sums;
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
  return { stats, calibrated: new Map(), stored, finals, layers };
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

function calibrateCached(pass: FloatPass, name: string, stats: TensorStats, scheme: QuantScheme): ActivationQuant {
  const a = scheme.activations;
  const grid = [a.bits, a.symmetric, a.granularity, a.narrowRange, a.powerOfTwoScale ?? false];
  const key = JSON.stringify([name, scheme.kind, scheme.calibration.default, ...grid]);
  let q = pass.calibrated.get(key);
  if (!q) pass.calibrated.set(key, (q = calibrateActivation(stats, scheme)));
  return q;
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
  const quants = new Map([...pass.stats].map(([name, s]) => [name, calibrateCached(pass, name, s, scheme)]));
  const maps = activationMaps(layers, quants, folded.model);
  const weightCache = new Map<string, Float32Array>();
  const simulate = (model: Model, keepFloat?: Set<string>): Model =>
    fakeQuantGraph(model, { scheme, activations: maps.linear, logActivations: maps.log, keepFloat, weightCache });
  const outputs = layers.map((n) => n.outputs[0]!.name);
  const axisOf = new Map(layers.map((n) => [n.outputs[0]!.name, outputChannelAxis(n)]));
  const outputAxis = (name: string): number => axisOf.get(name) ?? 1; // a model output: its axis 1

  const iso = isolatedLayersModel(folded.model, layers);
  const isolated = simulate(iso.model);
  const isolatedFeeds = evalSamples.map((_, i) => feedsFromStored(isolated, stored[i]!));
  const isoErrors = layers.length
    ? await errorRun(
        options.runner,
        isolated,
        isolatedFeeds,
        outputs,
        stored,
        tick,
        (name) => iso.outputOf.get(name)!,
        outputAxis,
      )
    : skipped(evalSamples.length, tick);

  const whole = simulate(cloneModel(folded.model));
  const accNames = exposeValues(whole, [...outputs, ...finals]);
  const accErrors = await errorRun(options.runner, whole, evalSamples, accNames, stored, tick, undefined, outputAxis);

  const reports: LayerReport[] = layers.map((node) => {
    const op = QUANTIZABLE_OPS[node.op]!;
    const w = node.inputs[op.weightInput]!.data!;
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
      weights: weightDiagnostics(tensorToFloat32(w), w.dims, channelAxis(node, op, w.dims.length), scheme),
      foldedBatchNorm: folded.folded.has(output),
      activation: activationDiagnostics(pass.stats.get(input)!),
      calibratedRange: { lo: q.range.lo, hi: q.range.hi },
    };
  });
  const ranked = rankByDamage(reports);
  const kept = chooseKept(ranked, options.maxKeep);
  const endToEnd = errorsOf(accErrors, finals);
  let predicted = endToEnd;
  if (kept.length > 0) {
    const advised = simulate(cloneModel(folded.model), new Set(kept.map((l) => l.output)));
    const advisedErrors = await errorRun(
      options.runner,
      advised,
      evalSamples,
      finals,
      stored,
      tick,
      undefined,
      outputAxis,
    );
    predicted = errorsOf(advisedErrors, finals);
  } else skipped(evalSamples.length, tick);

  const warnings: string[] = [];
  if (options.synthetic)
    warnings.push('no calibration data given: seeded synthetic inputs were used, so these results are indicative only');
  if (layers.length === 0)
    warnings.push('no quantizable layer (Conv, ConvTranspose, Gemm or MatMul with a constant float weight)');
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

function feedsFromStored(model: Model, stored: Tensors): Sample {
  const feeds: Sample = {};
  for (const v of model.graph.inputs) {
    const t = stored.get(v.name);
    if (t) feeds[v.name] = { type: 'float32', dims: t.dims, data: t.data };
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
  const total = groups.size * samples.length + targets.length * 3 * evaluationCount;
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
