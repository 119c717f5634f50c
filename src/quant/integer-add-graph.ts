/**
 * An int8 Q/DQ Add rewritten to compute what XNNPACK's int8 addition (the CPU kernel TFLite/LiteRT run for an int8
 * ADD) computes: each input's integer code (minus its zero point) times an integer multiplier, the two summed with
 * a rounding constant and shifted right (floor), plus the output zero point, clamped
 * (https://github.com/google/XNNPACK, src/params-init.c `xnn_init_qs8_add_minmax_*_params`: per-input float ratio
 * input scale / output scale; shift = 20 − the exponent of the larger ratio; multiplier = lrintf(ratio · 2^shift);
 * rounding 2^(shift−1); src/qs8-vadd kernels: arithmetic shift right). A Q/DQ Add rounds the float sum half to even
 * instead, so ties and near-ties go to a neighbouring integer.
 *
 * Matched: Add(DequantizeLinear(a) [→ layout ops], DequantizeLinear(b) [→ layout ops]) → [activation] →
 * QuantizeLinear, every link used once. The integer sum runs in float64 (exact: |codes · multipliers| < 2^31).
 */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { Model } from '../ir/model.js';
import { Tensor } from '../ir/tensor.js';
import { attr, type Attrs } from '../ir/attr.js';
import { constant, constNumbers, outputChain, sourceScale } from './integer-accumulator-graph.js';

const MULTIPLIER_BITS = 20;

/** round half to even, as lrintf in the default rounding mode. */
function lrint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The shift and the two integer multipliers of an int8 addition with these scales. */
export function addMultipliers(sa: number, sb: number, sy: number): { shift: number; ma: number; mb: number } {
  const ra = Math.fround(sa / sy),
    rb = Math.fround(sb / sy);
  const exponent = Math.floor(Math.log2(Math.max(ra, rb)));
  const shift = MULTIPLIER_BITS - exponent;
  return { shift, ma: lrint(Math.fround(ra * 2 ** shift)), mb: lrint(Math.fround(rb * 2 ** shift)) };
}

function scalar(graph: Graph, base: string, dtype: 'float32' | 'float64', v: number): Value {
  const data = dtype === 'float64' ? Float64Array.of(v) : Float32Array.of(v);
  return constant(graph, base, Tensor.fromArray(dtype, [], data));
}

function step(graph: Graph, op: string, inputs: Value[], name: string, before: Node, attrs?: Attrs): Value {
  const out = graph.newValue(name);
  graph.addNode({ op, name: graph.uniqueNodeName(name), inputs, outputs: [out], ...(attrs ? { attrs } : {}) }, before);
  return out;
}

function rewriteAdd(graph: Graph, add: Node): boolean {
  const [a, b] = add.inputs;
  const sa = sourceScale(a ?? null),
    sb = sourceScale(b ?? null);
  const chain = outputChain(add);
  const sy = chain && constNumbers(chain.quantize.inputs[1]);
  if (sa === null || sb === null || !chain || sy?.length !== 1) return false;
  const { shift, ma, mb } = addMultipliers(sa, sb, sy[0]!);
  const base = add.name;
  const codes = (x: Value, s: number, tag: string, m: number): Value => {
    const over = step(
      graph,
      'Div',
      [x, scalar(graph, `${base}/${tag}_scale`, 'float32', s)],
      `${base}/${tag}_over_scale`,
      add,
    );
    const code = step(graph, 'Round', [over], `${base}/${tag}_codes`, add);
    const wide = step(graph, 'Cast', [code], `${base}/${tag}_codes64`, add, new Map([['to', attr.int(11)]]));
    return step(
      graph,
      'Mul',
      [wide, scalar(graph, `${base}/${tag}_multiplier`, 'float64', m)],
      `${base}/${tag}_product`,
      add,
    );
  };
  const sum = step(graph, 'Add', [codes(a!, sa, 'a', ma), codes(b!, sb, 'b', mb)], `${base}/sum`, add);
  const rounded = step(
    graph,
    'Add',
    [sum, scalar(graph, `${base}/rounding`, 'float64', 2 ** (shift - 1))],
    `${base}/rounded`,
    add,
  );
  const shifted = step(
    graph,
    'Mul',
    [rounded, scalar(graph, `${base}/shift`, 'float64', 2 ** -shift)],
    `${base}/shifted`,
    add,
  );
  const floor = step(graph, 'Floor', [shifted], `${base}/floor`, add);
  const out = step(graph, 'Cast', [floor], `${base}/codes`, add, new Map([['to', attr.int(1)]]));
  graph.replaceAllUses(add.outputs[0]!, out);
  graph.removeNode(add);
  if (chain.activation?.op === 'Clip')
    for (const k of [1, 2]) {
      const bound = constNumbers(chain.activation.inputs[k]);
      if (bound)
        graph.setInput(chain.activation, k, scalar(graph, `${base}/bound${k}_codes`, 'float32', bound[0]! / sy[0]!));
    }
  graph.setInput(chain.quantize, 1, scalar(graph, `${chain.quantize.name}/unit_scale`, 'float32', 1));
  return true;
}

/** Rewrites every matched int8 Add; returns how many (call graph.toposort() after). */
export function integerAddGraph(model: Model): number {
  let n = 0;
  for (const add of model.graph.nodes.filter((x) => x.domain === '' && x.op === 'Add'))
    if (rewriteAdd(model.graph, add)) n++;
  return n;
}
