/** A large TFLite model for the graph-only audit bench: a chain of 3×3 CONV_2D layers (NHWC, float32 weights). */
import { writeFileSync } from 'node:fs';
import { buildTflite, type TflModelSpec, type TflTensorSpec } from '../test/helpers/tflite-builder.js';
import { cachedModel } from './fixtures.js';

/** `layers` convolutions of `channels` channels: layers × channels² × 36 bytes of weights. */
export function tfliteConvChain(name: string, layers: number, channels: number): string {
  return cachedModel(name, (path) => {
    const tensors: TflTensorSpec[] = [{ name: 'input', type: 'FLOAT32', shape: [1, 16, 16, channels] }];
    const operators: TflModelSpec['operators'] = [];
    let x = 0;
    for (let i = 0; i < layers; i++) {
      const w = new Float32Array(channels * channels * 9);
      for (let k = i % 97; k < w.length; k += 97) w[k] = ((k % 13) - 6) / 1000;
      tensors.push({ name: `w${i}`, type: 'FLOAT32', shape: [channels, 3, 3, channels], data: w });
      tensors.push({ name: `b${i}`, type: 'FLOAT32', shape: [channels], data: new Float32Array(channels) });
      tensors.push({ name: `y${i}`, type: 'FLOAT32', shape: [1, 16, 16, channels] });
      const [wi, bi, yi] = [tensors.length - 3, tensors.length - 2, tensors.length - 1];
      operators.push({
        op: 'CONV_2D',
        inputs: [x, wi, bi],
        outputs: [yi],
        options: { padding: 'SAME', stride_h: 1, stride_w: 1, fused_activation_function: 'RELU' },
      });
      x = yi;
    }
    writeFileSync(path, buildTflite({ tensors, operators, inputs: [0], outputs: [x] }));
  });
}
