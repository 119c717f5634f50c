import type { Feed } from '../../ir/random-feed.js';
export type { Feed };

/** One input sample of a model: a tensor per graph input (float32 data, or integer ids for token inputs). */
export type Sample = Record<string, Feed>;

/** A float32 tensor as a run returns it. */
export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

/** Float32 tensors by value name. */
export type Tensors = Map<string, FloatTensor>;
