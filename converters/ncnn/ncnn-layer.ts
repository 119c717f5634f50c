import type { WeightScratch } from '../../src/io/weight-scratch.js';
/** One ncnn layer as the writer emits it and the reader returns it. */
export type ParamValue = number | number[];
export interface NcnnWeight {
  /** The values; a deferred weight (deferred-weight.ts) computes them afresh on each read and keeps nothing. */
  readonly data: Float32Array;
  tagged: boolean;
  /** How many values, known without computing them (deferred weights). */
  readonly count?: number;
  /** A deferred weight's values computed into the writer's reused buffers (valid until its next weight). */
  fill?(scratch: WeightScratch): Float32Array;
}
export interface NcnnLayer {
  type: string;
  name: string;
  bottoms: string[];
  tops: string[];
  params: Map<number, ParamValue>;
  weights: NcnnWeight[];
}
