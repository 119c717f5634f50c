import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { Attrs } from '../ir/attr.js';
import { Tensor } from '../ir/tensor.js';
import type { DType } from '../ir/dtype.js';
import { numbersToBytes } from '../ir/typed-data.js';

/** Small helpers to build replacement subgraphs next to a node. */
export class Builder {
  readonly created: string[] = [];
  constructor(
    private g: Graph,
    private before: Node,
    private base: string,
  ) {}
  /** A constant value. */
  const(name: string, dtype: DType, dims: number[], values: number[]): Value {
    const v = this.g.newValue(`${this.base}/${name}`);
    v.data = Tensor.fromBytes(dtype, dims, numbersToBytes(dtype, values));
    v.dtype = dtype;
    v.shape = [...dims];
    return v;
  }
  scalar(name: string, value: number, dtype: DType = 'float32'): Value {
    return this.const(name, dtype, [], [value]);
  }
  /** A node inserted before the matched node; returns its output. */
  op(op: string, inputs: (Value | null)[], attrs: Attrs = new Map(), out?: Value): Value {
    const name = this.g.uniqueNodeName(`${this.base}/${op}`);
    const o = out ?? this.g.newValue(name);
    this.g.addNode({ op, name, inputs, outputs: [o], attrs }, this.before);
    this.created.push(name);
    return o;
  }
}

/** Replace a node's single output by `value` everywhere and drop the node. */
export function replaceNode(g: Graph, node: Node, value: Value): void {
  const out = node.outputs[0]!;
  g.removeNode(node);
  if (g.outputs.includes(out)) {
    // keep the graph output's name: the replacement takes it
    const name = out.name;
    g.replaceAllUses(out, value);
    g.values.delete(name);
    g.rename(value, name);
    value.dtype ??= out.dtype;
    value.shape ??= out.shape;
  } else {
    g.replaceAllUses(out, value);
    g.dropValue(out);
  }
}
