/** Models the benchmarks generate for themselves (under the OS temp folder, reused between runs). */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Graph } from '../src/ir/graph.js';
import { newModel } from '../src/ir/model.js';
import { Tensor } from '../src/ir/tensor.js';
import { attr } from '../src/ir/attr.js';
import { writeOnnx } from '../converters/onnx/export.js';

export const BENCH_DIR = join(tmpdir(), 'convcheck-bench');

/** The path of a generated model, built once by `write` (and reused by later runs). */
export function cachedModel(name: string, write: (path: string) => void): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, name);
  if (!(existsSync(path) && statSync(path).size > 0)) write(path);
  return path;
}

/**
 * A chain of `layers` 3×3 convolutions of `channels` channels (weights filled with a pattern):
 * about layers × channels² × 36 bytes of weights.
 */
export function convChain(
  name: string,
  layers: number,
  channels: number,
  options: { externalData?: boolean } = {},
): string {
  return cachedModel(name, (path) => {
    const g = new Graph('bench');
    let x = g.value('input');
    x.dtype = 'float32';
    x.shape = [1, channels, 32, 32];
    g.inputs.push(x);
    for (let i = 0; i < layers; i++) {
      const w = g.value(`w${i}`);
      const arr = new Float32Array(channels * channels * 9);
      for (let k = 0; k < arr.length; k += 97) arr[k] = ((k % 13) - 6) / 1000;
      w.data = Tensor.fromArray('float32', [channels, channels, 3, 3], arr);
      const y = g.value(`y${i}`);
      g.addNode({
        op: 'Conv',
        name: `conv${i}`,
        inputs: [x, w],
        outputs: [y],
        attrs: new Map([
          ['kernel_shape', attr.ints([3, 3])],
          ['pads', attr.ints([1, 1, 1, 1])],
        ]),
      });
      const r = g.value(`r${i}`);
      g.addNode({ op: 'Relu', name: `relu${i}`, inputs: [y], outputs: [r] });
      x = r;
    }
    g.outputs.push(x);
    writeOnnx(newModel(g, { opsets: new Map([['', 17]]) }), path, { externalData: options.externalData });
  });
}

export function sizeMB(path: string): number {
  let n = statSync(path).size;
  if (existsSync(`${path}.data`)) n += statSync(`${path}.data`).size;
  return n / 2 ** 20;
}

/** A graph of `n` small elementwise nodes (a long, light model: what a big transformer export looks like to a list). */
export function longChain(name: string, n: number): string {
  return cachedModel(name, (path) => {
    const g = new Graph('long');
    let x = g.value('input');
    x.dtype = 'float32';
    x.shape = [1, 16];
    g.inputs.push(x);
    const ops = ['Relu', 'Sigmoid', 'Neg', 'Abs'];
    for (let i = 0; i < n; i++) {
      const y = g.value(`v${i}`);
      g.addNode({ op: ops[i % ops.length]!, name: `node${i}`, inputs: [x], outputs: [y] });
      x = y;
    }
    g.outputs.push(x);
    writeOnnx(newModel(g, { opsets: new Map([['', 17]]) }), path);
  });
}
