/** A large Caffe model for the graph-only audit bench: a deploy prototxt of 3×3 convolutions and its caffemodel. */
import { writeFileSync } from 'node:fs';
import { writeCaffemodel, type BlobSpec } from '../test/helpers/caffemodel-writer.js';
import { cachedModel } from './fixtures.js';

/** `<name>.prototxt` (returned) and `<name>.caffemodel`: layers × channels² × 36 bytes of weights. */
export function caffeConvChain(name: string, layers: number, channels: number): string {
  cachedModel(`${name}.caffemodel`, (path) => {
    const blobs: Record<string, BlobSpec[]> = {};
    for (let i = 0; i < layers; i++) {
      const w = new Float32Array(channels * channels * 9);
      for (let k = i % 97; k < w.length; k += 97) w[k] = ((k % 13) - 6) / 1000;
      blobs[`conv${i}`] = [
        { dims: [channels, channels, 3, 3], data: w },
        { dims: [channels], data: new Float32Array(channels) },
      ];
    }
    writeCaffemodel(path, blobs);
  });
  return cachedModel(`${name}.prototxt`, (path) => {
    const lines = [`name: "${name}"`, 'input: "data"', `input_shape { dim: 1 dim: ${channels} dim: 16 dim: 16 }`];
    let bottom = 'data';
    for (let i = 0; i < layers; i++) {
      lines.push(
        `layer { name: "conv${i}" type: "Convolution" bottom: "${bottom}" top: "conv${i}"`,
        `  convolution_param { num_output: ${channels} kernel_size: 3 pad: 1 } }`,
        `layer { name: "relu${i}" type: "ReLU" bottom: "conv${i}" top: "conv${i}" }`,
      );
      bottom = `conv${i}`;
    }
    writeFileSync(path, lines.join('\n') + '\n');
  });
}
