/** One ncnn layer as the writer emits it and the reader returns it. */
export type ParamValue = number | number[];
export interface NcnnWeight {
  data: Float32Array;
  tagged: boolean;
}
export interface NcnnLayer {
  type: string;
  name: string;
  bottoms: string[];
  tops: string[];
  params: Map<number, ParamValue>;
  weights: NcnnWeight[];
}
