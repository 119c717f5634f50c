/** Generate the benchmark models once, in a process of their own, so no case measures the generation. */
import { convChain, longChain, sizeMB } from '../fixtures.js';

for (const [name, layers, ch, ext] of [
  ['conv-chain-100mb.onnx', 40, 256, false],
  ['conv-chain-2200mb.onnx', 60, 1024, true],
] as const) {
  const p = convChain(name, layers, ch, { externalData: ext });
  console.log(`fixture ${p}: ${sizeMB(p).toFixed(0)} MB`);
}
console.log(`fixture ${longChain('chain-10k.onnx', 10000)}: 10 000 nodes`);
