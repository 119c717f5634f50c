/**
 * ncnn rounds half away from zero (targets.json → quantSchemes.ncnn rounding), TensorRT half to even: on exact ties
 * (x / scale = ±2.5, ±0.5) the simulated weights and activations differ as worked out here, and elsewhere agree.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { Tensor } from '../../src/ir/tensor.js';
import { fakeQuantGraph } from '../../src/quant/fake-quant-graph.js';
import { quantScheme } from '../../src/quant/scheme.js';
import { fakeQuantWeight } from '../../src/quant/weight-quant.js';
import { runOrt } from '../helpers/ort.js';

test('weights: 127 sets the scale to 1; ties 2.5, −2.5, 0.5 → ncnn 3, −3, 1; tensorrt 2, −2, 0', () => {
  const w = [127, 2.5, -2.5, 0.5, 3.5, -1.2];
  assert.equal(Array.from(fakeQuantWeight(w, [1, 6], 0, quantScheme('ncnn'))), [127, 3, -3, 1, 4, -1]);
  assert.equal(Array.from(fakeQuantWeight(w, [1, 6], 0, quantScheme('tensorrt'))), [127, 2, -2, 0, 4, -1]);
});

test('activations in onnxruntime: scale 1, inputs 2.5, −2.5, 0.5, 3.5 → ncnn 3, −3, 1, 4; tensorrt 2, −2, 0, 4', async () => {
  const text = `opset 13\ninput x: float32[1,4]\nconst w: float32[4,4] = fill(0)\ny = MatMul(x, w)\noutput y: float32[1,4]`;
  const run = async (target: string): Promise<number[]> => {
    const model = parseModelText(text);
    const identity = Float32Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    model.graph.values.get('w')!.data = Tensor.fromArray('float32', [4, 4], identity);
    const activations = new Map([['x', { scale: 1, zeroPoint: 0, qmin: -127, qmax: 127 }]]);
    fakeQuantGraph(model, { scheme: quantScheme(target), activations });
    const x = Float32Array.of(2.5, -2.5, 0.5, 3.5);
    const out = await runOrt(model, { x: { dtype: 'float32', dims: [1, 4], data: x } });
    return Array.from(out.y!.data as Float32Array);
  };
  assert.equal(await run('ncnn'), [3, -3, 1, 4]);
  assert.equal(await run('tensorrt'), [2, -2, 0, 4]);
});

test.run();
