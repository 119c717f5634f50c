/**
 * An int8 Q/DQ graph rewritten to compute what an integer runtime computes for its convolutions and fully connected
 * layers: an exact integer accumulator, then one float32 requantization multiplier per output channel
 * (input scale × weight scale / output scale), the product rounded half to even, plus the output zero point,
 * clamped. That is XNNPACK's "fp32" requantization (the kernels TFLite/LiteRT run on CPU for int8 CONV_2D,
 * DEPTHWISE_CONV_2D and FULLY_CONNECTED: https://github.com/google/XNNPACK, src/params-init.c
 * `xnn_init_qs8_conv_minmax_fp32_*_params`: `scale` a float, `magic_bias` rounding = round to nearest even).
 *
 * A Q/DQ graph instead multiplies dequantized reals in float32 and divides by the output scale: near a .5 tie the
 * two pick neighbouring integers, and one step early in a deep network grows through every later layer.
 *
 * Matched: DequantizeLinear(x) → [Transpose|Pad|Reshape]* → Conv|Gemm(·, DequantizeLinear(int8 w),
 * DequantizeLinear(int32 b)?) → [Transpose|Reshape]* → [Clip|Relu]? → [Transpose|Reshape]* → QuantizeLinear, every
 * link used once. Rewritten: the data input becomes Round(x / sx) (the integer codes minus the zero point, exactly;
 * layout ops and zero padding commute with it), the weight the integer codes, the bias its int32 codes; the
 * accumulator is multiplied by the per-channel float32 multiplier; Clip bounds divide by the output scale and the
 * QuantizeLinear's scale becomes 1. The float32 accumulator is exact while every partial sum stays below 2^24.
 *
 * Rewrites the given model in place (pass a freshly read copy). integer-kernels-graph.ts runs it with the others.
 */
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { Graph } from '../ir/graph.js';
import { Tensor } from '../ir/tensor.js';
import { tensorToNumbers } from '../ir/typed-data.js';

const LAYOUT_OPS = new Set(['Transpose', 'Reshape', 'Pad', 'Squeeze', 'Unsqueeze', 'Flatten']);
const ACTIVATIONS = new Set(['Clip', 'Relu']);

export const constNumbers = (v: Value | null | undefined): number[] | null =>
  v?.data && !v.producer ? tensorToNumbers(v.data) : null;

export function constant(graph: Graph, base: string, tensor: Tensor): Value {
  const v = graph.newValue(base);
  v.dtype = tensor.dtype;
  v.shape = [...tensor.dims];
  v.data = tensor;
  return v;
}

/** The DequantizeLinear a data input comes from (through layout ops), with its scalar scale. */
export function sourceScale(x: Value | null): number | null {
  let v = x;
  while (v?.producer && LAYOUT_OPS.has(v.producer.op)) {
    const p = v.producer;
    if (p.op === 'Pad' && (constNumbers(p.inputs[2]) ?? [0]).some((c) => c !== 0)) return null;
    v = p.inputs[0] ?? null;
  }
  const dq = v?.producer;
  if (dq?.op !== 'DequantizeLinear') return null;
  const s = constNumbers(dq.inputs[1]);
  return s?.length === 1 ? s[0]! : null;
}

/** The integer codes of a DequantizeLinear of a constant (minus its zero point) and its scales. */
function constantCodes(v: Value | null): { codes: number[]; dims: number[]; scales: number[] } | null {
  const dq = v?.producer;
  if (dq?.op !== 'DequantizeLinear' || v!.consumers.length !== 1) return null;
  const q = dq.inputs[0]?.data;
  const scales = constNumbers(dq.inputs[1]);
  if (!q || dq.inputs[0]!.producer || !scales || !['int8', 'int32'].includes(q.dtype)) return null;
  const zps = constNumbers(dq.inputs[2]) ?? [0];
  const codes = tensorToNumbers(q);
  const per = codes.length / Math.max(1, zps.length);
  return { codes: codes.map((c, i) => c - zps[Math.floor(i / per)]!), dims: [...q.dims], scales };
}

/** Conv/Gemm output → its single-consumer chain to a QuantizeLinear: [activation?, quantize] or null. */
export function outputChain(layer: Node): { activation: Node | null; quantize: Node } | null {
  let v = layer.outputs[0];
  let activation: Node | null = null;
  for (;;) {
    if (!v || v.consumers.length !== 1) return null;
    const next = v.consumers[0]!;
    if (next.op === 'QuantizeLinear') return { activation, quantize: next };
    if (ACTIVATIONS.has(next.op) && !activation) activation = next;
    else if (!LAYOUT_OPS.has(next.op) || next.op === 'Pad') return null;
    v = next.outputs[0];
  }
}

function rewriteLayer(graph: Graph, layer: Node): boolean {
  const gemm = layer.op === 'Gemm';
  if (gemm && (layer.int('transA', 0) || layer.float('alpha', 1) !== 1 || layer.float('beta', 1) !== 1)) return false;
  const sx = sourceScale(layer.inputs[0] ?? null);
  const w = constantCodes(layer.inputs[1] ?? null);
  const b = layer.inputs[2] ? constantCodes(layer.inputs[2]) : null;
  const chain = outputChain(layer);
  const sy = chain && constNumbers(chain.quantize.inputs[1]);
  if (sx === null || !w || (layer.inputs[2] && !b) || !chain || sy?.length !== 1) return false;
  const channels = gemm ? w.dims[layer.int('transB', 0) ? 0 : 1]! : w.dims[0]!;
  const multiplier = Float32Array.from({ length: channels }, (_, c) =>
    Math.fround(Math.fround(sx * w.scales[w.scales.length === 1 ? 0 : c]!) / sy[0]!),
  );
  const x = layer.inputs[0]!;
  const xs = constant(graph, `${x.name}/int_scale`, Tensor.fromArray('float32', [], Float32Array.of(sx)));
  const div = graph.addNode(
    {
      op: 'Div',
      name: graph.uniqueNodeName(`${layer.name}/to_codes`),
      inputs: [x, xs],
      outputs: [graph.newValue(`${x.name}/over_scale`)],
    },
    layer,
  );
  const round = graph.addNode(
    {
      op: 'Round',
      name: graph.uniqueNodeName(`${layer.name}/codes`),
      inputs: [div.outputs[0]!],
      outputs: [graph.newValue(`${x.name}/codes`)],
    },
    layer,
  );
  for (const n of [div, round]) n.outputs[0]!.dtype = 'float32';
  graph.setInput(layer, 0, round.outputs[0]!);
  graph.setInput(
    layer,
    1,
    constant(graph, `${layer.name}/weight_codes`, Tensor.fromArray('float32', w.dims, Float32Array.from(w.codes))),
  );
  if (b)
    graph.setInput(
      layer,
      2,
      constant(graph, `${layer.name}/bias_codes`, Tensor.fromArray('float32', b.dims, Float32Array.from(b.codes))),
    );
  const acc = layer.outputs[0]!;
  const scaled = graph.newValue(`${acc.name}/requantized`);
  scaled.dtype = 'float32';
  const mShape = gemm ? [channels] : [1, channels, ...Array<number>(Math.max(0, w.dims.length - 2)).fill(1)];
  const m = constant(graph, `${layer.name}/multiplier`, Tensor.fromArray('float32', mShape, multiplier));
  graph.replaceAllUses(acc, scaled);
  graph.addNode({
    op: 'Mul',
    name: graph.uniqueNodeName(`${layer.name}/requantize`),
    inputs: [acc, m],
    outputs: [scaled],
  });
  if (chain.activation?.op === 'Clip') {
    for (const k of [1, 2]) {
      const bound = constNumbers(chain.activation.inputs[k]);
      if (bound)
        graph.setInput(
          chain.activation,
          k,
          constant(
            graph,
            `${chain.activation.name}/bound${k}_codes`,
            Tensor.fromArray('float32', [], Float32Array.of(bound[0]! / sy[0]!)),
          ),
        );
    }
  }
  graph.setInput(
    chain.quantize,
    1,
    constant(graph, `${chain.quantize.name}/unit_scale`, Tensor.fromArray('float32', [], Float32Array.of(1))),
  );
  return true;
}

/** Rewrites every matched Conv/Gemm; returns how many (call graph.toposort() after). */
export function integerAccumulatorGraph(model: Model): number {
  const graph = model.graph;
  let n = 0;
  for (const layer of graph.nodes.filter((x) => x.domain === '' && (x.op === 'Conv' || x.op === 'Gemm')))
    if (rewriteLayer(graph, layer)) n++;
  return n;
}
