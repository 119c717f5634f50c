/**
 * The fake-quant graph: the model rewritten so that onnxruntime computes what the target's integer kernels compute,
 * in float. Every quantizable layer (quantizable-ops.ts) gets its constant weight replaced by the quantized→
 * dequantized weight (the same numbers a QuantizeLinear→DequantizeLinear pair on the constant yields) and its data
 * input routed through QuantizeLinear→DequantizeLinear with the calibrated activation parameters (linear schemes;
 * a scheme rounding half away from zero, ncnn's, gets the explicit ops of round-away-graph.ts instead).
 * Layers named in `keepFloat` are left as they are (the mixed-precision advice).
 *
 * Rewrites the given model in place: pass a freshly read copy, never a model a command only reads.
 */
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { Graph } from '../ir/graph.js';
import { Tensor } from '../ir/tensor.js';
import { tensorToFloat32 } from '../ir/typed-data.js';
import type { LinearParams } from './linear-quant.js';
import { QUANTIZABLE_OPS, type QuantizableOp } from './quantizable-ops.js';
import type { QuantScheme } from './scheme.js';
import { fakeQuantWeight } from './weight-quant.js';
import { nnieLogQuantValue } from './nnie-log-graph.js';
import { roundAwayQuantValue, ROUND_AWAY_MIN_OPSET } from './round-away-graph.js';

export interface FakeQuantOptions {
  scheme: QuantScheme;
  /** Activation parameters by tensor name (from calibration); a data input without an entry stays float. */
  activations: ReadonlyMap<string, LinearParams>;
  /** NNIE log scheme: the layer parameter z of each data input, by tensor name (nnie-log-graph.ts). */
  logActivations?: ReadonlyMap<string, number>;
  /** Layers left float, by node name or first output name. */
  keepFloat?: ReadonlySet<string>;
  /** Fake-quantized weights by weight name, filled and reused across rewrites of copies of one model (same scheme). */
  weightCache?: WeightCache;
}

/** Where fake-quantized weights are kept by weight name (a Map will do). */
export interface WeightCache {
  get(name: string): Float32Array | undefined;
  set(name: string, weight: Float32Array): unknown;
}

/** The weight axis carrying output channels for this node. */
export function channelAxis(node: Node, op: QuantizableOp, rank: number): number {
  if (op.channelAxis === 'transB') return node.int('transB', 0) === 1 ? 0 : 1;
  if (op.channelAxis === 'last') return rank - 1;
  return op.channelAxis;
}

/** The quantizable nodes with a constant float weight, in graph order. */
export function quantizableNodes(graph: Graph): Node[] {
  return graph.nodes.filter((n) => {
    const op = QUANTIZABLE_OPS[n.op];
    const w = op ? n.inputs[op.weightInput] : null;
    return n.domain === '' && !!w?.data && w.data.dtype === 'float32';
  });
}

function constant(graph: Graph, base: string, tensor: Tensor): Value {
  const v = graph.newValue(base);
  v.dtype = tensor.dtype;
  v.shape = [...tensor.dims];
  v.data = tensor;
  return v;
}

/** Route `node`'s input 0 through QuantizeLinear→DequantizeLinear with `p`. */
function quantizeInput(graph: Graph, node: Node, p: LinearParams): void {
  const x = node.inputs[0];
  if (!x) return;
  const scale = constant(graph, `${x.name}_qscale`, Tensor.fromArray('float32', [], Float32Array.of(p.scale)));
  const zero = constant(graph, `${x.name}_qzero`, Tensor.fromArray('int8', [], Int8Array.of(p.zeroPoint)));
  const q = graph.addNode(
    {
      op: 'QuantizeLinear',
      name: graph.uniqueNodeName(`${node.name}_q`),
      inputs: [x, scale, zero],
      outputs: [graph.newValue(`${x.name}_q`)],
    },
    node,
  );
  const dq = graph.addNode(
    {
      op: 'DequantizeLinear',
      name: graph.uniqueNodeName(`${node.name}_dq`),
      inputs: [q.outputs[0]!, scale, zero],
      outputs: [graph.newValue(`${x.name}_dq`)],
    },
    node,
  );
  dq.outputs[0]!.dtype = 'float32';
  graph.setInput(node, 0, dq.outputs[0]!);
}

/** Activations rounded half away from zero need the explicit ops (QuantizeLinear rounds half to even). */
function roundsAway(scheme: QuantScheme, model: Model): boolean {
  const opset = model.opsets.get('') ?? 0;
  return scheme.activations.rounding === 'half-away-from-zero' && opset >= ROUND_AWAY_MIN_OPSET;
}

export function fakeQuantGraph(model: Model, options: FakeQuantOptions): Model {
  const graph = model.graph;
  const replaced = new Map<Value, Value>(); // a weight shared by several layers gets one fake-quantized constant
  for (const node of quantizableNodes(graph)) {
    if (options.keepFloat?.has(node.name) || options.keepFloat?.has(node.outputs[0]?.name ?? '')) continue;
    const op = QUANTIZABLE_OPS[node.op]!;
    const w = node.inputs[op.weightInput]!;
    const dims = w.data!.dims;
    let fqValue = replaced.get(w);
    if (!fqValue) {
      const fq =
        options.weightCache?.get(w.name) ??
        fakeQuantWeight(tensorToFloat32(w.data!), dims, channelAxis(node, op, dims.length), options.scheme);
      options.weightCache?.set(w.name, fq);
      fqValue = constant(graph, `${w.name}_fq`, Tensor.fromArray('float32', [...dims], fq));
      replaced.set(w, fqValue);
    }
    graph.setInput(node, op.weightInput, fqValue);
    graph.dropValue(w);
    const x = node.inputs[0];
    const p = x ? options.activations.get(x.name) : undefined;
    if (p && options.scheme.kind === 'linear' && roundsAway(options.scheme, model))
      graph.setInput(node, 0, roundAwayQuantValue(graph, x!, p, node));
    else if (p && options.scheme.kind === 'linear') quantizeInput(graph, node, p);
    const z = x ? options.logActivations?.get(x.name) : undefined;
    if (x && z !== undefined && options.scheme.kind === 'nnie-log')
      graph.setInput(node, 0, nnieLogQuantValue(graph, x, z, node));
  }
  return model;
}
