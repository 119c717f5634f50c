/**
 * Every quantizable layer alone, added to a copy of the model: each layer's non-constant inputs become new graph
 * inputs (fed with the float run's stored intermediates), its first output a new graph output; its constant inputs
 * are the copy's own (one initializer for both). Quantized by fakeQuantGraph, one run of the copy then gives every
 * layer's isolated error and the whole quantized model's errors together: one session, not one per layer nor one
 * for the isolated layers and another for the whole model.
 */
import type { Model } from '../../ir/model.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';

export interface IsolatedLayers {
  /** Each layer's non-constant input name (in the original model) → the graph input feeding its isolated copy. */
  inputOf: Map<string, string>;
  /** Each layer's first output name → the graph output holding its isolated copy's result. */
  outputOf: Map<string, string>;
}

/** `layers` are nodes of the model `copy` was cloned from (matched by value names); `copy` is changed in place. */
export function addIsolatedLayers(copy: Model, layers: readonly Node[]): IsolatedLayers {
  const graph = copy.graph;
  const inputOf = new Map<string, string>();
  const storedInput = (v: Value): Value => {
    const name = inputOf.get(v.name);
    if (name) return graph.values.get(name)!;
    const input = graph.newValue(`${v.name}_stored`);
    input.dtype = v.dtype;
    input.shape = v.shape ? [...v.shape] : null;
    graph.inputs.push(input);
    inputOf.set(v.name, input.name);
    return input;
  };
  const outputOf = new Map<string, string>();
  for (const node of layers) {
    const out = node.outputs[0]!;
    const inputs = node.inputs.map((v) => (!v ? null : v.data ? graph.values.get(v.name)! : storedInput(v)));
    const output = graph.newValue(`${out.name}_isolated`);
    output.dtype = out.dtype;
    outputOf.set(out.name, output.name);
    graph.addNode({
      op: node.op,
      domain: node.domain,
      name: graph.uniqueNodeName(`${node.name}_isolated`),
      inputs,
      outputs: [output],
      attrs: new Map(node.attrs),
    });
    graph.outputs.push(output);
  }
  return { inputOf, outputOf };
}
