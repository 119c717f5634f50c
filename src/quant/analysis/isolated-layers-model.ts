/**
 * One model holding every quantizable layer alone: each layer's non-constant inputs become graph inputs (fed with
 * the float run's stored intermediates), its first output a graph output under a new name (a layer's output may be
 * another layer's input, which here must stay the stored float tensor). Quantized by fakeQuantGraph, one run of it
 * gives every layer's isolated error, instead of one full-model run per layer.
 */
import { Graph } from '../../ir/graph.js';
import { newModel, type Model } from '../../ir/model.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';

export interface IsolatedLayers {
  model: Model;
  /** Each layer's first output name → the isolated model's output holding it. */
  outputOf: Map<string, string>;
}

export function isolatedLayersModel(model: Model, layers: readonly Node[]): IsolatedLayers {
  const graph = new Graph('isolated_layers');
  const copies = new Map<string, Value>();
  const copyOf = (v: Value): Value => {
    let c = copies.get(v.name);
    if (c) return c;
    c = graph.value(v.name);
    c.dtype = v.dtype;
    c.shape = v.shape ? [...v.shape] : null;
    c.data = v.data;
    if (!v.data) graph.inputs.push(c);
    copies.set(v.name, c);
    return c;
  };
  const outputOf = new Map<string, string>();
  const taken = new Set(layers.flatMap((n) => n.inputs.map((v) => v?.name ?? '')));
  for (const node of layers) {
    const out = node.outputs[0]!;
    const inputs = node.inputs.map((v) => (v ? copyOf(v) : null));
    let name = `${out.name}_isolated`;
    for (let i = 1; taken.has(name) || graph.values.has(name); i++) name = `${out.name}_isolated_${i}`;
    const output = graph.value(name);
    output.dtype = out.dtype;
    outputOf.set(out.name, name);
    graph.addNode({
      op: node.op,
      domain: node.domain,
      name: node.name,
      inputs,
      outputs: [output],
      attrs: new Map(node.attrs),
    });
    graph.outputs.push(output);
  }
  return {
    model: newModel(graph, { opsets: new Map(model.opsets), irVersion: model.irVersion, format: 'onnx' }),
    outputOf,
  };
}
