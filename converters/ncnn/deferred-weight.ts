/**
 * Weights computed when the .bin writer reads them, not when the layer is built: a layer list holds
 * recipes (read the tensor from the model file, fuse, transpose) instead of every layer's values, so an
 * export holds one layer's weights at a time (issue 18: peak memory ≤ the largest weights plus the graph).
 */
import type { NcnnWeight } from './ncnn-layer.js';

/** A weight of `count` values whose `data` runs `produce` on each read; nothing is kept between reads. */
export function deferredWeight(count: number, tagged: boolean, produce: () => Float32Array): NcnnWeight {
  return {
    tagged,
    count,
    get data(): Float32Array {
      return produce();
    },
  };
}

/** The number of values of a weight, without computing a deferred one. */
export const weightCount = (w: NcnnWeight): number => w.count ?? w.data.length;
