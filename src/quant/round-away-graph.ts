/**
 * Linear fake quantization that rounds half away from zero (ncnn's float2int8 uses round(); targets.json →
 * quantSchemes.ncnn.activations.rounding), as ONNX ops, since QuantizeLinear rounds half to even:
 * q = clamp(sign(t)·floor(|t| + 0.5) + zero point, qmin, qmax) with t = x / scale, then (q − zero point)·scale.
 * Needs opset ≥ 9 (Sign).
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { LinearParams } from './linear-quant.js';
import { OpEmitter } from './op-emitter.js';

export const ROUND_AWAY_MIN_OPSET = 9;

/** x → x fake-quantized with `p`, rounding half away from zero, inserted before `consumer`. */
export function roundAwayQuantValue(graph: Graph, x: Value, p: LinearParams, consumer: Node): Value {
  const e = new OpEmitter(graph, consumer, `${x.name}_qaway`);
  const t = e.op('Div', [x, e.scalar(p.scale)]);
  const rounded = e.op('Mul', [e.op('Sign', [t]), e.op('Floor', [e.op('Add', [e.op('Abs', [t]), e.scalar(0.5)])])]);
  const shifted = e.op('Add', [rounded, e.scalar(p.zeroPoint)]);
  const q = e.op('Min', [e.op('Max', [shifted, e.scalar(p.qmin)]), e.scalar(p.qmax)]);
  return e.op('Mul', [e.op('Sub', [q, e.scalar(p.zeroPoint)]), e.scalar(p.scale)]);
}
