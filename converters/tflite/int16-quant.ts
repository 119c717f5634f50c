/**
 * int16 (symmetric) quantization written out: ONNX's QuantizeLinear/DequantizeLinear take int16 only from
 * opset 21, TFLite imports declare opset 14. Quantize: Cast(Clip(Round(x / scale), −32768, 32767)) to int16;
 * dequantize: Cast(x) to float32 · scale (TFLite's int16 zero point is 0).
 */
import type { Graph } from '../../src/ir/graph.js';
import type { Value } from '../../src/ir/value.js';
import type { Origin } from '../../src/ir/node.js';
import { attr, type Attrs } from '../../src/ir/attr.js';
import { Tensor } from '../../src/ir/tensor.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';

function step(g: Graph, op: string, inputs: Value[], name: string, origin: Origin, attrs: Attrs = new Map()): Value {
  const out = g.newValue(`${name}/${op}`);
  g.addNode({ op, name: g.uniqueNodeName(name), inputs, outputs: [out], attrs, origin });
  return out;
}
function scalar(g: Graph, name: string, v: number): Value {
  const c = g.newValue(name);
  c.data = Tensor.fromBytes('float32', [], numbersToBytes('float32', [v]));
  c.dtype = 'float32';
  c.shape = [];
  return c;
}

export function quantizeInt16(g: Graph, x: Value, scale: number, name: string, origin: Origin): Value {
  const scaled = step(g, 'Div', [x, scalar(g, `${name}/scale`, scale)], name, origin);
  const rounded = step(g, 'Round', [scaled], name, origin);
  const clipped = step(
    g,
    'Clip',
    [rounded, scalar(g, `${name}/min`, -32768), scalar(g, `${name}/max`, 32767)],
    name,
    origin,
  );
  return step(g, 'Cast', [clipped], name, origin, new Map([['to', attr.int(5)]]));
}

export function dequantizeInt16(g: Graph, x: Value, scale: number, name: string, origin: Origin): Value {
  const f = step(g, 'Cast', [x], name, origin, new Map([['to', attr.int(1)]]));
  return step(g, 'Mul', [f, scalar(g, `${name}/scale`, scale)], name, origin);
}
