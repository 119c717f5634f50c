/** Emits small float ONNX op chains before a consumer node (the fake-quant decompositions: NNIE log, rounding). */
import type { Graph } from '../ir/graph.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { Tensor } from '../ir/tensor.js';

export class OpEmitter {
  constructor(
    private readonly graph: Graph,
    private readonly before: Node,
    private readonly base: string,
  ) {}

  scalar(value: number): Value {
    const v = this.graph.newValue(`${this.base}_c`);
    v.dtype = 'float32';
    v.shape = [];
    v.data = Tensor.fromArray('float32', [], Float32Array.of(value));
    return v;
  }

  op(op: string, inputs: Value[], dtype: 'float32' | 'bool' = 'float32'): Value {
    const out = this.graph.newValue(`${this.base}_${op.toLowerCase()}`);
    out.dtype = dtype;
    this.graph.addNode(
      { op, name: this.graph.uniqueNodeName(`${this.base}_${op}`), inputs, outputs: [out] },
      this.before,
    );
    return out;
  }
}
