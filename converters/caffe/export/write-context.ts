/** What a layer writer sees: tops for values, a sink for layers, constants, and the Caffe flavour written. */
import type { Node } from '../../../src/ir/node.js';
import type { Value } from '../../../src/ir/value.js';
import { tensorToFloat32 } from '../../../src/ir/typed-data.js';
import { knownValue } from '../../../src/shape/infer.js';
import type { CaffeBlob, CaffeLayer, ParamMessage } from './caffe-layer.js';

/**
 * A node the writer cannot express exactly in Caffe; the message says why, `rule` names the refusal rule
 * (refusal-rules.ts; default: `caffe/<Op>-form` of the node's op).
 */
export class CaffeRefusal extends Error {
  constructor(
    message: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

/**
 * `caffe`: BVLC Caffe 1.0 layers plus the ones OpenCV's Caffe reader runs (ReLU6, Interp);
 * `nnie`: nnie_mapper's Caffe with the HiSVP extension layers (Upsample, PassThrough, Permute).
 */
export type CaffeFlavor = 'caffe' | 'nnie';

export interface WriteCtx {
  flavor: CaffeFlavor;
  /** The model's default-domain opset (semantics of Softmax, Clip, … depend on it). */
  opset: number;
  /** Top name carrying a non-constant value; refuses constants used as activations. */
  top(v: Value | null | undefined): string;
  /** The node writes no layer: its output is the same blob as `top`. */
  alias(out: Value, top: string): void;
  emit(layer: {
    name: string;
    type: string;
    bottoms: string[];
    tops: string[];
    params?: ParamMessage;
    blobs?: CaffeBlob[];
  }): void;
  /** A fresh layer/blob name derived from `base`. */
  fresh(base: string): string;
  /** The node is written, but not exactly: the message states the error (a warning finding). */
  warn(message: string): void;
}

export interface LayerFamily {
  /** ONNX op types (default domain) this family writes. */
  ops: string[];
  write(n: Node, c: WriteCtx): void;
}

export function constF32(v: Value | null | undefined): Float32Array | null {
  const t = knownValue(v);
  return t && (t.dtype === 'float32' || t.dtype === 'float16' || t.dtype === 'float64') ? tensorToFloat32(t) : null;
}
export function constInts(v: Value | null | undefined): number[] | null {
  const t = knownValue(v);
  if (!t) return null;
  return Array.from(tensorToFloat32(t), (x) => Math.round(x));
}
export function staticDims(v: Value | null | undefined): number[] {
  const s = v?.shape;
  if (!s || s.some((d) => typeof d !== 'number'))
    throw new CaffeRefusal(`'${v?.name}' has no static shape`, 'caffe/shape-static');
  return s as number[];
}
/** Layer name of a node: its own, or a fresh one from its op. */
export const layerName = (n: Node, c: WriteCtx): string => n.name || c.fresh(n.op.toLowerCase());
export const outTop = (n: Node, i = 0): string => n.outputs[i]!.name;
export const blob = (dims: number[], data: Float32Array): CaffeBlob => ({ dims, data });
export type { CaffeLayer };
