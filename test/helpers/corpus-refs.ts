import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from './paths.js';

export interface RefTensor {
  name?: string;
  layer?: string;
  blob?: string;
  shape: number[];
  file: string;
}
export interface RefFile {
  name: string;
  runtime: string;
  inputs: RefTensor[];
  outputs: RefTensor[];
}

/** A reference JSON of the corpus and its raw float32 tensors. */
export function loadRef(kind: 'caffe' | 'tflite', jsonName: string): RefFile | null {
  const p = join(CORPUS, kind, 'ref', jsonName);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RefFile) : null;
}
export function readF32(kind: 'caffe' | 'tflite', file: string): Float32Array {
  const b = readFileSync(join(CORPUS, kind, 'ref', file));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function refExists(kind: 'caffe' | 'tflite', jsonName: string): boolean {
  return existsSync(join(CORPUS, kind, 'ref', jsonName));
}

/**
 * Base names of the corpus models of a kind with the given extension, as the corpus's sources.json lists them
 * (not what happens to lie in the folder; [] when the corpus is absent — tests register through needing()).
 */
export function corpusModels(kind: 'caffe' | 'tflite', ext: string): string[] {
  const list = join(CORPUS, kind, 'sources.json');
  if (!existsSync(list)) return [];
  const sources = JSON.parse(readFileSync(list, 'utf8')) as { file: string }[];
  return sources
    .map((s) => s.file)
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}
