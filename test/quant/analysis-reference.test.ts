/**
 * The analysis' per-layer figures against a reference computed here step by step, without the analysis' own
 * machinery (no shared float run, no combined isolated/whole session, no weight-grid cache): the float network run
 * alone in onnxruntime with its intermediates as outputs; each layer's input quantized with the reported calibrated
 * range, its weight quantized channel by channel (min-max per output channel, or one min-max for per-tensor
 * schemes), the layer run alone in onnxruntime, and the SQNR (overall and mean per output channel) summed over the
 * evaluation samples. Min-max targets: the calibrated range is the observed range over every calibration sample.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { analyzeQuantizationTargets } from '../../src/quant/analysis/analyze-quant.js';
import { onnxRuntimeRunner } from '../../src/quant/analysis/model-runner.js';
import { syntheticInputs } from '../../src/quant/calibration-data/synthetic-inputs.js';
import { fakeQuantLinear, linearParams } from '../../src/quant/linear-quant.js';
import { quantScheme, type QuantScheme } from '../../src/quant/scheme.js';
import { runOrt } from '../helpers/ort.js';

const NET = `
opset 13
input x: float32[1,3,8,8]
const w1: float32[6,3,3,3] = random(1)
const b1: float32[6] = random(4)
const w2: float32[4,6,3,3] = random(2)
const w3: float32[144,5] = random(3)
h1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1, b1)
r1 = Relu(h1)
h2 = Conv<kernel_shape=[3,3]>(r1, w2)
f = Flatten(h2)
y = MatMul(f, w3)
output y: float32[1,5]
`;

/** Each layer: its op line for a one-node model, input and output names and dims, weight name and channel axis. */
const LAYERS = [
  { input: 'x', output: 'h1', weight: 'w1', axis: 0, line: 'o = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(i, w, b1)' },
  { input: 'r1', output: 'h2', weight: 'w2', axis: 0, line: 'o = Conv<kernel_shape=[3,3]>(i, w)' },
  { input: 'f', output: 'y', weight: 'w3', axis: 1, line: 'o = MatMul(i, w)' },
];

const EVALUATION = 2;
const CALIBRATION = 5;

function model() {
  return prepareModel(parseModelText(NET));
}

/** The weight quantized the plain way: every element with the parameters of its output channel along `axis`. */
function referenceWeight(w: Float32Array, dims: number[], axis: number, scheme: QuantScheme): Float32Array {
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number): number =>
    scheme.weights.granularity === 'per-tensor' ? 0 : Math.floor(i / inner) % dims[axis]!;
  const channels = scheme.weights.granularity === 'per-tensor' ? 1 : dims[axis]!;
  const out = new Float32Array(w.length);
  for (let c = 0; c < channels; c++) {
    const idx = [...w.keys()].filter((i) => channelOf(i) === c);
    const values = idx.map((i) => w[i]!);
    const p = linearParams({ lo: Math.min(0, ...values), hi: Math.max(0, ...values) }, scheme.weights);
    const q = fakeQuantLinear(values, p);
    idx.forEach((i, k) => (out[i] = q[k]!));
  }
  return out;
}

/** SQNR in dB and mean per-channel SQNR (axis 1 for NCHW, the last axis for [N, C]) of y against x over samples. */
function referenceError(pairs: [Float32Array, Float32Array][], dims: number[]): { sqnr: number; channel: number } {
  const channels = dims[1]!;
  const inner = dims.slice(2).reduce((a, b) => a * b, 1);
  let xx = 0;
  let dd = 0;
  const cxx = new Array<number>(channels).fill(0);
  const cdd = new Array<number>(channels).fill(0);
  for (const [x, y] of pairs)
    x.forEach((a, i) => {
      const c = Math.floor(i / inner) % channels;
      xx += a * a;
      dd += (a - y[i]!) ** 2;
      cxx[c]! += a * a;
      cdd[c]! += (a - y[i]!) ** 2;
    });
  const db = (s: number, d: number): number => (d === 0 ? Infinity : 10 * Math.log10(s / d));
  const perChannel = cxx.map((s, c) => Math.min(100, db(s, cdd[c]!))).filter((_, c) => cxx[c]! > 0);
  return { sqnr: db(xx, dd), channel: perChannel.reduce((a, b) => a + b, 0) / perChannel.length };
}

async function floatIntermediates(samples: ReturnType<typeof syntheticInputs>) {
  const exposed = parseModelText(NET.replace('output y:', 'output h1\noutput r1\noutput h2\noutput f\noutput y:'));
  const runs = [];
  for (const s of samples)
    runs.push(await runOrt(prepareModel(exposed), { x: { dtype: 'float32', dims: s.x!.dims, data: s.x!.data } }));
  return runs.map((r, k) => {
    const values = new Map(Object.entries(r).map(([name, t]) => [name, Float32Array.from(t.data as Float32Array)]));
    return values.set('x', Float32Array.from(samples[k]!.x!.data as Float32Array));
  });
}

async function runLayer(layer: (typeof LAYERS)[number], input: Float32Array, inDims: number[], w: Float32Array) {
  const m = model();
  const wv = m.graph.values.get(layer.weight)!;
  const text = `opset 13\ninput i: float32[${inDims}]\nconst w: float32[${wv.data!.dims}] = fill(0)\nconst b1: float32[6] = random(4)\n${layer.line}\noutput o: float32[${m.graph.values.get(layer.output)!.shape}]`;
  const one = parseModelText(text);
  one.graph.values.get('w')!.data = Tensor.fromArray('float32', [...wv.data!.dims], w);
  const out = await runOrt(one, { i: { dtype: 'float32', dims: inDims, data: input } });
  return Float32Array.from(out.o!.data as Float32Array);
}

const TARGETS = ['rknn', 'cv22', 'tensorrt'];

test('isolated errors, calibrated ranges and weight errors equal a step-by-step reference (rknn, cv22, tensorrt)', async () => {
  const m = model();
  const samples = syntheticInputs(m, CALIBRATION, 'reference');
  const reports = await analyzeQuantizationTargets(m, TARGETS, samples, {
    runner: onnxRuntimeRunner(toOnnxBytes),
    evaluationSamples: EVALUATION,
  });
  const floats = await floatIntermediates(samples);
  for (const [t, target] of TARGETS.entries()) {
    const scheme = quantScheme(target);
    for (const layer of LAYERS) {
      const reported = reports[t]!.layers.find((l) => l.output === layer.output)!;
      assert.ok(reported, `${target} ${layer.output}`);
      if (scheme.calibration.default === 'minmax') {
        const all = floats.flatMap((f) => [...f.get(layer.input)!]);
        assert.equal(reported.calibratedRange, { lo: Math.min(...all), hi: Math.max(...all) }, `${target} range`);
      }
      const wv = m.graph.values.get(layer.weight)!;
      const fqw = referenceWeight(tensorToFloat32(wv.data!), [...wv.data!.dims], layer.axis, scheme);
      const params = linearParams(reported.calibratedRange, scheme.activations);
      const inDims = [...m.graph.values.get(layer.input)!.shape!] as number[];
      const pairs: [Float32Array, Float32Array][] = [];
      for (const f of floats.slice(0, EVALUATION)) {
        const y = await runLayer(layer, fakeQuantLinear(f.get(layer.input)!, params), inDims, fqw);
        pairs.push([f.get(layer.output)!, y]);
      }
      const outDims = [...m.graph.values.get(layer.output)!.shape!] as number[];
      const ref = referenceError(pairs, outDims);
      const where = `${target} ${layer.output}: ${reported.isolated.sqnrDb} / ${reported.isolated.channelSqnrDb} vs ${ref.sqnr} / ${ref.channel}`;
      assert.ok(Math.abs(reported.isolated.sqnrDb - ref.sqnr) < 1e-3, where);
      assert.ok(Math.abs(reported.isolated.channelSqnrDb - ref.channel) < 1e-3, where);
      const w = tensorToFloat32(wv.data!);
      const weightRef = referenceError([[w, fqw]], [1, w.length]);
      assert.ok(Math.abs(reported.weights.error.sqnrDb - weightRef.sqnr) < 1e-6, `${target} ${layer.weight} weights`);
    }
  }
});

test.run();
