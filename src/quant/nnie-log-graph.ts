/**
 * NNIE's logarithmic activation quantization (nnie-log-quant.ts) as ONNX ops, so onnxruntime runs it inside the
 * model: with l = round(16·log2|x|) − z, the code is min(l, 127) raised to at least 0 (x ≥ 0) or 1 (x < 0); the
 * value is sign(x)·2^((code + z)/16) where x ≥ 2^(z/16 − 1) or x < −2^((z+1)/16 − 1), and 0 elsewhere. ONNX Round
 * rounds half to even, as the documented table does. Needs opset ≥ 11 (Round).
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { OpEmitter } from './op-emitter.js';

/** x → NNIE's 8-bit log fake-quantized x (layer parameter z), inserted before `consumer`. */
export function nnieLogQuantValue(graph: Graph, x: Value, z: number, consumer: Node): Value {
  const e = new OpEmitter(graph, consumer, `${x.name}_nnie`);
  const log2x16 = e.op('Round', [e.op('Mul', [e.op('Log', [e.op('Abs', [x])]), e.scalar(16 / Math.LN2)])]);
  const level = e.op('Sub', [log2x16, e.scalar(z)]);
  const negative = e.op('Less', [x, e.scalar(0)], 'bool');
  const floor = e.op('Where', [negative, e.scalar(1), e.scalar(0)]);
  const code = e.op('Max', [e.op('Min', [level, e.scalar(127)]), floor]);
  const magnitude = e.op('Pow', [e.scalar(2), e.op('Div', [e.op('Add', [code, e.scalar(z)]), e.scalar(16)])]);
  const positiveKept = e.op('Not', [e.op('Less', [x, e.scalar(2 ** (z / 16 - 1))], 'bool')], 'bool');
  const negativeKept = e.op('Less', [x, e.scalar(-(2 ** ((z + 1) / 16 - 1)))], 'bool');
  const kept = e.op('Or', [positiveKept, negativeKept], 'bool');
  return e.op('Where', [kept, e.op('Mul', [e.op('Sign', [x]), magnitude]), e.scalar(0)]);
}
