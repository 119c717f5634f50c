/** What an ncnn layer importer sees: the layer, its input blobs, the graph and the helpers build() provides. */
import type { Graph } from '../../../src/ir/graph.js';
import type { Model } from '../../../src/ir/model.js';
import type { Value } from '../../../src/ir/value.js';
import type { Attrs } from '../../../src/ir/attr.js';
import type { NcnnLayer } from '../ncnn-layer.js';

export interface NcnnImportCtx {
  l: NcnnLayer;
  /** The layer's bottom blobs, in order. */
  ins: Value[];
  /** The first bottom blob. */
  x: Value;
  g: Graph;
  model: Model;
  /** The .param path, for input errors. */
  file: string;
  /** Blob name → value, as imported so far (a layer binds its tops here). */
  blobs: Map<string, Value>;
  /** Scalar param by name (opsets/ncnn.json), or the default. */
  P(l: NcnnLayer, name: string, dflt: number): number;
  /** Array param by name, [] when absent. */
  A(l: NcnnLayer, name: string): number[];
  konst(name: string, dtype: 'float32' | 'int64' | 'int32', dims: number[], data: ArrayLike<number>): Value;
  /** The next `count` weights of the .bin (tagged: with ncnn's 4-byte storage tag). */
  weights(l: NcnnLayer, count: number, tagged: boolean): Float32Array;
  /** Static shape of a value (shape inference runs when unknown). */
  shape(v: Value): number[];
  /** Shape from the layer's w/h/d/c params, with the batch axis. */
  shapeOf(l: NcnnLayer): number[];
  /** Adds one ONNX node for this layer; its output is named outName (default: the layer's first top). */
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, outName?: string): Value;
  /** Binds the layer's first top blob. */
  set(v: Value): void;
}

/** Imports one layer: binds its top blobs (through set or blobs), or throws an InputError. */
export type NcnnLayerImporter = (c: NcnnImportCtx) => void;
/** One layer family: ncnn layer type → importer. */
export type NcnnLayerTable = Readonly<Record<string, NcnnLayerImporter>>;
