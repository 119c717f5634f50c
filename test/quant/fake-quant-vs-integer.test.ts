/**
 * The fake-quant graph equals onnxruntime's integer kernels: a Conv rewritten by fakeQuantGraph, its output quantized
 * with the output scale, against a QuantizeLinear→QLinearConv→DequantizeLinear model built with the same scales and
 * zero-points. Integer accumulation is exact, so the two may differ only where float rounding crosses a tie: at most
 * one output step, and almost everywhere not at all.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText, seeded } from '../../src/ir/text.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import { fakeQuantGraph } from '../../src/quant/fake-quant-graph.js';
import { calibrateMinMax } from '../../src/quant/calibrate-minmax.js';
import { fakeQuantLinear, linearParams, quantizeValue, type LinearParams } from '../../src/quant/linear-quant.js';
import { weightParams } from '../../src/quant/weight-quant.js';
import { quantScheme } from '../../src/quant/scheme.js';
import { runOrt } from '../helpers/ort.js';

const CONV = `
opset 13
input x: float32[1,3,6,6]
const w: float32[4,3,3,3] = random(7)
y = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w)
output y: float32[1,4,6,6]
`;

const list = (values: ArrayLike<number>): string => `[${Array.from(values, String).join(',')}]`;

function integerModel(weights: Float32Array, wp: LinearParams[], xp: LinearParams, yp: LinearParams): string {
  const perChannel = [0, 1, 2, 3].map((c) => wp[wp.length === 1 ? 0 : c]!); // a per-tensor scale, repeated
  const wq = Array.from(weights, (v, i) => quantizeValue(v, perChannel[Math.floor(i / 27)]!));
  return `
opset 13
input x: float32[1,3,6,6]
const xs: float32[] = [${xp.scale}]
const xz: int8[] = [${xp.zeroPoint}]
const wq: int8[4,3,3,3] = ${list(wq)}
const ws: float32[4] = ${list(perChannel.map((p) => p.scale))}
const wz: int8[4] = ${list(perChannel.map((p) => p.zeroPoint))}
const ys: float32[] = [${yp.scale}]
const yz: int8[] = [${yp.zeroPoint}]
xq = QuantizeLinear(x, xs, xz)
yq = QLinearConv<kernel_shape=[3,3], pads=[1,1,1,1]>(xq, xs, xz, wq, ws, wz, ys, yz)
y = DequantizeLinear(yq, ys, yz)
output y: float32[1,4,6,6]
`;
}

for (const target of ['tensorrt', 'ncnn', 'cv22', 'rknn']) {
  test(`${target}: fake-quant Conv = QLinearConv within one output step`, async () => {
    const scheme = quantScheme(target);
    const rand = seeded(11);
    const x = Float32Array.from({ length: 108 }, () => rand() * 1.5 + 0.5);
    const xp = linearParams(calibrateMinMax(x), scheme.activations);
    const fake = fakeQuantGraph(parseModelText(CONV), { scheme, activations: new Map([['x', xp]]) });
    const feeds = { x: { dtype: 'float32', dims: [1, 3, 6, 6], data: x } };
    const yFloat = (await runOrt(fake, feeds)).y!.data as Float32Array;
    const yp = linearParams(calibrateMinMax(yFloat), scheme.activations);
    const weights = tensorToFloat32(parseModelText(CONV).graph.values.get('w')!.data!);
    const wp = weightParams(weights, [4, 3, 3, 3], 0, scheme);
    const yInt = (await runOrt(parseModelText(integerModel(weights, wp, xp, yp)), feeds)).y!.data as Float32Array;
    const ySim = fakeQuantLinear(yFloat, yp);
    // compare integer codes (the dequantized floats differ in the last ulp: float32 vs double scale products)
    const code = (v: number): number => Math.round(v / yp.scale);
    let worst = 0;
    let equal = 0;
    for (let i = 0; i < ySim.length; i++) {
      const steps = Math.abs(code(ySim[i]!) - code(yInt[i]!));
      worst = Math.max(worst, steps);
      if (steps === 0) equal++;
    }
    if (process.env.QUANT_REPORT) console.log(target, `${equal}/${ySim.length} codes equal, worst ${worst}`);
    assert.ok(worst <= 1, `${worst} steps apart`);
    assert.ok(equal >= ySim.length * 0.97, `${equal}/${ySim.length} equal`);
  });
}

test.run();
