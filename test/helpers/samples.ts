import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES } from './paths.js';

export interface SampleValue {
  name: string;
  dtype: string;
  shape: (number | string | null)[];
}
export interface Sample {
  file: string;
  format: string;
  name: string;
  architecture?: string;
  source: string;
  license: string;
  sha256: string;
  opset?: number;
  inputs?: SampleValue[];
  outputs?: SampleValue[];
  ops?: Record<string, number>;
  features?: string[];
  [key: string]: unknown;
}

let cache: Sample[] | undefined;
/** Every sample of samples/manifest.json, with `path` resolved. */
export function samples(filter: (s: Sample) => boolean = () => true): (Sample & { path: string })[] {
  cache ??= (JSON.parse(readFileSync(join(SAMPLES, 'manifest.json'), 'utf8')) as { samples: Sample[] }).samples;
  return cache.filter(filter).map((s) => ({ ...s, path: join(SAMPLES, s.file) }));
}
export function sample(name: string): Sample & { path: string } {
  const s = samples((x) => x.name === name)[0];
  if (!s) throw new Error(`no sample named ${name} in samples/manifest.json`);
  return s;
}
