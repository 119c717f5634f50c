/**
 * Seeded synthetic inputs for when no calibration data is given: float inputs U(−1, 1) (about the range of a
 * mean/std-normalized image), integer inputs small ids 0…3. Symbolic dims run as 1. Results from them are
 * indicative only: real activation ranges depend on real data.
 */
import type { Model } from '../../ir/model.js';
import { seeded } from '../../ir/text.js';
import { InputError } from '../../io/input-error.js';
import type { Sample } from '../analysis/sample-feeds.js';
import { randomFeed } from '../../ir/random-feed.js';

const uniformMinusOneToOne = (rand: () => number): number => rand() * 2 - 1;

export const SYNTHETIC_SEED = 20;

export function staticDims(model: Model, name: string): number[] {
  const v = model.graph.inputs.find((i) => i.name === name);
  return (v?.shape ?? []).map((d) => (typeof d === 'number' ? d : 1));
}

export function syntheticInputs(model: Model, count: number, file: string): Sample[] {
  const rand = seeded(SYNTHETIC_SEED);
  const inputs = model.graph.inputs.filter((v) => !v.data);
  return Array.from({ length: count }, () => {
    const sample: Sample = {};
    for (const v of inputs) {
      if (!v.shape) throw new InputError(file, `input '${v.name}' has no shape: give --input-shape`);
      const feed = randomFeed(v.dtype, staticDims(model, v.name), rand, uniformMinusOneToOne);
      if (!feed)
        throw new InputError(
          file,
          `input '${v.name}' has dtype ${v.dtype}: quant feeds float32, int32 and int64 inputs`,
        );
      sample[v.name] = feed;
    }
    return sample;
  });
}
