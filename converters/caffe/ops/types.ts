/** The record every Caffe layer family registers in ops/index.ts, and the context its import receives. */
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import type { Tensor } from '../../../src/ir/tensor.js';
import type { TextMessage } from '../prototxt-parser.js';

export interface LayerCtx {
  name: string;
  type: string;
  p: TextMessage;
  inputs: Value[];
  /** Number of tops the layer declares. */
  tops: number;
  blobs: (Tensor | null)[];
  /** Shape of a value (runs inference on the graph built so far). */
  shape(v: Value): number[] | null;
  /** A constant: from a caffemodel blob, or with shape only when there are no weights. */
  weight(index: number, dims: number[], name: string): Value;
  constant(name: string, dtype: 'float32' | 'int64', dims: number[], values: number[]): Value;
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, domain?: string, outputs?: number): Value[];
  /** An import warning about this layer (shown by every report). */
  warn(message: string): void;
}

/** Output dims of a layer from its input dims and params (null: unknown). */
export type LayerShapeFn = (c: LayerCtx, inputs: (number[] | null)[]) => (number[] | null)[];

/**
 * One layer family entry. `import` builds the IR nodes; `shape`, when given, states the output dims of layers
 * whose nodes ONNX shape inference cannot follow (foreign `caffe.*` nodes), so weight matching downstream goes on.
 */
export interface CaffeLayerOp {
  types: readonly string[];
  import(c: LayerCtx): Value[];
  shape?: LayerShapeFn;
}
