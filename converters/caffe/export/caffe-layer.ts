/** A Caffe layer as the writer builds it: V2 `layer {}` fields, its parameter messages and its blobs. */
import type { WeightScratch } from '../../../src/io/weight-scratch.js';

/** A protobuf enum value in a prototxt (`pool: MAX`), written without quotes. */
export class EnumValue {
  constructor(readonly name: string) {}
}
export type ParamValue = number | boolean | string | EnumValue | ParamMessage | ParamValue[];
export interface ParamMessage {
  [field: string]: ParamValue;
}

export interface CaffeBlob {
  dims: number[];
  /** The values; a deferred blob (deferred-blob.ts) computes them afresh on each read and keeps nothing. */
  readonly data: Float32Array;
  /** How many values, known without computing them (deferred blobs). */
  readonly count?: number;
  /** A deferred blob's values computed into the writer's reused buffers (valid until its next blob). */
  fill?(scratch: WeightScratch): Float32Array;
}

export interface CaffeLayer {
  name: string;
  type: string;
  bottoms: string[];
  tops: string[];
  /** Parameter messages by field name, e.g. `{ convolution_param: { num_output: 64 } }`. */
  params: ParamMessage;
  blobs: CaffeBlob[];
  /** Name of the IR node the layer was written for ('' for Input layers). */
  origin?: string;
}

export const enumValue = (name: string): EnumValue => new EnumValue(name);
