import type { Tensor } from './tensor.js';
import type { Graph } from './graph.js';

/** Attribute values, typed as ONNX types them. Ints are JS numbers (int64 extremes clamp on export). */
export type Attr =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'tensor'; value: Tensor }
  | { type: 'graph'; value: Graph }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensors'; value: Tensor[] }
  | { type: 'graphs'; value: Graph[] }
  /** Kinds the IR carries but does not interpret (sparse tensors, type protos, raw bytes of foreign formats). */
  | { type: 'opaque'; kind: string; value: unknown }
  /** A reference to an attribute of the enclosing function (ONNX ref_attr_name). */
  | { type: 'ref'; attrType: string; value: string };

export type AttrType = Attr['type'];
export type Attrs = Map<string, Attr>;

export const attr = {
  float: (value: number): Attr => ({ type: 'float', value }),
  int: (value: number): Attr => ({ type: 'int', value }),
  string: (value: string): Attr => ({ type: 'string', value }),
  floats: (value: number[]): Attr => ({ type: 'floats', value }),
  ints: (value: number[]): Attr => ({ type: 'ints', value }),
  strings: (value: string[]): Attr => ({ type: 'strings', value }),
  tensor: (value: Tensor): Attr => ({ type: 'tensor', value }),
  graph: (value: Graph): Attr => ({ type: 'graph', value }),
};
