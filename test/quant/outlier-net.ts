/**
 * The known-answer net of the quantization tests: three 3×3 convolutions with ReLU between them, seeded weights,
 * and a way to plant an outlier channel in one weight.
 */
import { parseModelText } from '../../src/ir/text.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import type { Model } from '../../src/ir/model.js';

const NET = `
opset 13
input x: float32[1,4,8,8]
const w1: float32[8,4,3,3] = random(1)
const w2: float32[8,8,3,3] = random(2)
const w3: float32[8,8,3,3] = random(3)
h1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1)
r1 = Relu(h1)
h2 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(r1, w2)
r2 = Relu(h2)
y = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(r2, w3)
output y: float32[1,8,8,8]
`;

/** A fresh copy of the net. */
export const outlierNet = (): Model => parseModelText(NET);

/** Scale output channel 0 of a [8,8,3,3] weight by `factor` (made positive), or its reading of input channel 0. */
export function scaleChannel(model: Model, name: string, factor: number, along: 'output' | 'input'): void {
  const v = model.graph.values.get(name)!;
  const data = tensorToFloat32(v.data!).slice();
  for (let i = 0; i < data.length; i++) {
    const hit = along === 'output' ? Math.floor(i / 72) === 0 : Math.floor(i / 9) % 8 === 0;
    if (hit) data[i] = along === 'output' ? Math.abs(data[i]!) * factor : data[i]! * factor;
  }
  v.data = Tensor.fromArray('float32', [8, 8, 3, 3], data);
}
