/** A residual network of `blocks` blocks (Conv → Relu → Conv → Add → Relu, 5 nodes each): a branchy graph. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Graph } from '../src/ir/graph.js';
import { newModel } from '../src/ir/model.js';
import { Tensor } from '../src/ir/tensor.js';
import { attr } from '../src/ir/attr.js';
import { writeOnnx } from '../converters/onnx/export.js';
import { BENCH_DIR } from './fixtures.js';

export function residualNet(blocks: number): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `residual-${blocks}.onnx`);
  if (existsSync(path)) return path;
  const g = new Graph('bench');
  let x = g.value('input');
  x.dtype = 'float32';
  x.shape = [1, 8, 16, 16];
  g.inputs.push(x);
  const w = g.value('w');
  w.data = Tensor.fromArray('float32', [8, 8, 3, 3], new Float32Array(8 * 8 * 9).fill(0.01));
  const conv = (input: typeof x, name: string): typeof x => {
    const y = g.value(name);
    const attrs = new Map([
      ['kernel_shape', attr.ints([3, 3])],
      ['pads', attr.ints([1, 1, 1, 1])],
    ]);
    g.addNode({ op: 'Conv', name, inputs: [input, w], outputs: [y], attrs });
    return y;
  };
  const unary = (op: string, inputs: (typeof x)[], name: string): typeof x => {
    const y = g.value(name);
    g.addNode({ op, name, inputs, outputs: [y] });
    return y;
  };
  for (let b = 0; b < blocks; b++) {
    const h = unary('Relu', [conv(x, `b${b}/conv1`)], `b${b}/relu1`);
    const sum = unary('Add', [conv(h, `b${b}/conv2`), x], `b${b}/add`);
    x = unary('Relu', [sum], `b${b}/relu2`);
  }
  g.outputs.push(x);
  writeOnnx(newModel(g, { opsets: new Map([['', 17]]) }), path);
  return path;
}
