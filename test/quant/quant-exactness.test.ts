/**
 * The whole-model simulation equals onnxruntime's QDQ execution: a two-convolution model rewritten by fakeQuantGraph
 * (the graph `convcheck quant` runs) against the same model written as QuantizeLinear/DequantizeLinear pairs on
 * every activation and per-channel DequantizeLinear on int8 weights, run with all graph optimizations (onnxruntime
 * fuses the QDQ pattern into its integer kernels where it can; see ORT_LEVEL for rknn). Both outputs
 * are quantized with the same output scale; the codes may differ only where float rounding crosses a tie.
 * And NNIE's log activation, as ONNX ops in onnxruntime, equals the documented formula computed in JS.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ort from 'onnxruntime-node';
import { parseModelText, seeded } from '../../src/ir/text.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { fakeQuantGraph } from '../../src/quant/fake-quant-graph.js';
import { calibrateMinMax } from '../../src/quant/calibrate-minmax.js';
import { linearParams, quantizeValue, type LinearParams } from '../../src/quant/linear-quant.js';
import { weightParams } from '../../src/quant/weight-quant.js';
import { quantScheme } from '../../src/quant/scheme.js';
import { nnieFakeQuant, nnieZ } from '../../src/quant/nnie-log-quant.js';
import { nnieLogQuantValue } from '../../src/quant/nnie-log-graph.js';
import type { Model } from '../../src/ir/model.js';
import { runOrt } from '../helpers/ort.js';

const FLOAT = `
opset 13
input x: float32[1,3,8,8]
const w1: float32[4,3,3,3] = random(3)
const w2: float32[4,4,3,3] = random(5)
h = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1)
r = Relu(h)
y = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(r, w2)
output y: float32[1,4,8,8]
`;

const list = (values: ArrayLike<number>): string => `[${Array.from(values, String).join(',')}]`;

function weightLines(name: string, dims: number[], data: Float32Array, params: LinearParams[]): string {
  const per = data.length / dims[0]!;
  const channel = (c: number): LinearParams => params[params.length === 1 ? 0 : c]!;
  const codes = Array.from(data, (v, i) => quantizeValue(v, channel(Math.floor(i / per))));
  const channels = Array.from({ length: dims[0]! }, (_, c) => channel(c));
  return `
const ${name}q: int8[${dims.join(',')}] = ${list(codes)}
const ${name}s: float32[${dims[0]}] = ${list(channels.map((p) => p.scale))}
const ${name}z: int8[${dims[0]}] = ${list(channels.map((p) => p.zeroPoint))}
${name}d = DequantizeLinear<axis=0>(${name}q, ${name}s, ${name}z)`;
}

function qdqModel(
  weights: Record<string, [number[], Float32Array, LinearParams[]]>,
  px: LinearParams,
  pr: LinearParams,
): string {
  return `
opset 13
input x: float32[1,3,8,8]
const xs: float32[] = [${px.scale}]
const xz: int8[] = [${px.zeroPoint}]
const rs: float32[] = [${pr.scale}]
const rz: int8[] = [${pr.zeroPoint}]
${Object.entries(weights)
  .map(([name, [dims, data, params]]) => weightLines(name, dims, data, params))
  .join('\n')}
xq = QuantizeLinear(x, xs, xz)
xd = DequantizeLinear(xq, xs, xz)
h = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(xd, w1d)
r = Relu(h)
rq = QuantizeLinear(r, rs, rz)
rd = DequantizeLinear(rq, rs, rz)
y = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(rd, w2d)
output y: float32[1,4,8,8]
`;
}

/**
 * onnxruntime's optimization level per target. With non-zero weight zero points (rknn's asymmetric per-channel
 * weights) onnxruntime's fused integer path disagrees with its own unfused execution of the same QDQ model (observed:
 * 24 of 256 output codes equal, up to 33 steps apart), so for rknn the reference is the QDQ ops run as ONNX defines
 * them, unfused.
 */
const ORT_LEVEL: Record<string, 'all' | 'disabled'> = { tensorrt: 'all', ncnn: 'all', cv22: 'all', rknn: 'disabled' };

async function runReference(model: Model, x: Float32Array, level: 'all' | 'disabled'): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(toOnnxBytes(model), {
    graphOptimizationLevel: level,
    logSeverityLevel: 3,
  });
  const out = await session.run({ x: new ort.Tensor('float32', x, [1, 3, 8, 8]) });
  await session.release();
  return out.y!.data as Float32Array;
}

for (const target of ['tensorrt', 'ncnn', 'cv22', 'rknn'])
  test(`${target}: the simulated model = onnxruntime's QDQ model, output codes within one step`, async () => {
    const scheme = quantScheme(target);
    const rand = seeded(31);
    const x = Float32Array.from({ length: 192 }, () => rand() * 2 - 1);
    const float = parseModelText(FLOAT);
    const feeds = { x: { dtype: 'float32', dims: [1, 3, 8, 8], data: x } };
    const rValues = (await runOrt(withOutput(FLOAT, 'r'), feeds)).r!.data as Float32Array;
    const px = linearParams(calibrateMinMax(x), scheme.activations);
    const pr = linearParams(calibrateMinMax(rValues), scheme.activations);
    const simulated = fakeQuantGraph(parseModelText(FLOAT), {
      scheme,
      activations: new Map([
        ['x', px],
        ['r', pr],
      ]),
    });
    const ySim = (await runOrt(simulated, feeds)).y!.data as Float32Array;
    const w = (name: string, dims: number[]): [number[], Float32Array, LinearParams[]] => {
      const data = tensorToFloat32(float.graph.values.get(name)!.data!);
      return [dims, data, weightParams(data, dims, 0, scheme)];
    };
    const qdq = parseModelText(qdqModel({ w1: w('w1', [4, 3, 3, 3]), w2: w('w2', [4, 4, 3, 3]) }, px, pr));
    const yRef = await runReference(qdq, x, ORT_LEVEL[target]!);
    const py = linearParams(calibrateMinMax(yRef), scheme.activations);
    let worst = 0;
    let equal = 0;
    for (let i = 0; i < ySim.length; i++) {
      const steps = Math.abs(quantizeValue(ySim[i]!, py) - quantizeValue(yRef[i]!, py));
      worst = Math.max(worst, steps);
      if (steps === 0) equal++;
    }
    if (process.env.QUANT_REPORT) console.log(target, `${equal}/${ySim.length} codes equal, worst ${worst}`);
    assert.ok(worst <= 1, `${worst} steps apart`);
    assert.ok(equal >= ySim.length * 0.97, `${equal}/${ySim.length} equal`);
  });

function withOutput(text: string, name: string): Model {
  return parseModelText(text.replace('output y:', `output ${name}: float32[1,4,8,8]\noutput y:`));
}

test('nnie: the log activation in onnxruntime equals the documented formula', async () => {
  const rand = seeded(41);
  const x = Float32Array.from({ length: 4096 }, () => (rand() * 2 - 1) * 3 ** (rand() * 6 - 3));
  x[0] = 0;
  const z = nnieZ(Math.max(...Array.from(x, Math.abs)));
  const model = parseModelText(`
opset 13
input x: float32[4096]
y = Identity(x)
output y: float32[4096]
`);
  const identity = model.graph.nodes[0]!;
  model.graph.setInput(identity, 0, nnieLogQuantValue(model.graph, model.graph.values.get('x')!, z, identity));
  const got = (await runOrt(model, { x: { dtype: 'float32', dims: [4096], data: x } })).y!.data as Float32Array;
  const want = nnieFakeQuant(x, z);
  let equal = 0;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(got[i]! - want[i]!) <= 1e-6 * Math.abs(want[i]!)) equal++;
    else if (want[i] !== 0) worst = Math.max(worst, Math.abs(Math.log2(Math.abs(got[i]! / want[i]!)) * 16));
  }
  if (process.env.QUANT_REPORT) console.log(`nnie: ${equal}/${x.length} equal, worst ${worst} codes`);
  assert.ok(equal >= x.length * 0.99, `${equal}/${x.length}`);
  assert.ok(worst <= 1 + 1e-3, `worst ${worst} codes`);
});

test.run();
