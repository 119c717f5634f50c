/**
 * Weights computed when the .bin writer reads them, not when the layer is built: a layer list holds
 * recipes (read the tensor from the model file, fuse, transpose) instead of every layer's values, so an
 * export holds one layer's weights at a time (issue 18: peak memory ≤ the largest weights plus the graph).
 */
import type { NcnnWeight } from './ncnn-layer.js';
import { weightScratch, type WeightScratch } from '../../src/io/weight-scratch.js';

export { weightScratch, type WeightScratch };

/**
 * A weight of `count` values computed by `produce` on each read; nothing is kept between reads. The writer
 * calls fill() with its scratch (the values then live there until the next weight); `data` gives a fresh copy.
 */
export function deferredWeight(
  count: number,
  tagged: boolean,
  produce: (scratch: WeightScratch) => Float32Array,
): NcnnWeight {
  return {
    tagged,
    count,
    get data(): Float32Array {
      return produce(weightScratch());
    },
    fill: produce,
  };
}

/** The number of values of a weight, without computing a deferred one. */
export const weightCount = (w: NcnnWeight): number => w.count ?? w.data.length;

/** A weight's values for the writer: a deferred one computed into `scratch` (valid until the next weight). */
export const weightValues = (w: NcnnWeight, scratch: WeightScratch): Float32Array =>
  w.fill ? w.fill(scratch) : w.data;
