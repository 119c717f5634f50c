import type { DType } from './dtype.js';
import type { Shape } from './shape.js';
import type { Tensor } from './tensor.js';
import type { Node } from './node.js';

/**
 * A Value is an edge: produced by at most one node (or a graph input, or a constant), consumed by
 * many. Links are kept by Graph methods only; read them, don't assign them.
 */
export class Value {
  dtype: DType | null = null;
  shape: Shape = null;
  /** Constant data (ONNX initializer, Caffe blob, TFLite buffer). */
  data: Tensor | null = null;
  producer: Node | null = null;
  readonly consumers: Node[] = [];
  docString = '';
  /** Free-form annotations (e.g. quantization of a non-constant TFLite tensor). */
  meta: Record<string, unknown> = {};
  /** Which axis is the batch (set by shape inference): a number, null when the value has none, undefined when unknown. */
  batchAxis?: number | null;
  constructor(public name: string) {}
  get isConst(): boolean {
    return this.data !== null;
  }
}
