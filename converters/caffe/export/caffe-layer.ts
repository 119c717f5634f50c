/** A Caffe layer as the writer builds it: V2 `layer {}` fields, its parameter messages and its blobs. */

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
  data: Float32Array;
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
