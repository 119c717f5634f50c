import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/package-root.js';

export interface NcnnLayerDef { params: Record<string, number>; weights: [string, 'tagged' | 'raw'][]; enums?: Record<string, Record<string, number>>; floatParams?: string[]; }
export interface NcnnTable { magic: number; arrayKeyBase: number; weightTags: Record<string, number>; layers: Record<string, NcnnLayerDef>; }

let table: NcnnTable | undefined;
/** opsets/ncnn.json: layer types, param ids by name, weight order. */
export function ncnnTable(): NcnnTable {
  table ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'opsets', 'ncnn.json'), 'utf8')) as NcnnTable;
  return table;
}
export function paramId(layer: string, name: string): number {
  const id = ncnnTable().layers[layer]?.params[name];
  if (id === undefined) throw new Error(`opsets/ncnn.json has no param '${name}' for ${layer}`);
  return id;
}
export function enumValue(layer: string, e: string, name: string): number {
  const v = ncnnTable().layers[layer]?.enums?.[e]?.[name];
  if (v === undefined) throw new Error(`opsets/ncnn.json has no ${e} '${name}' for ${layer}`);
  return v;
}
/** Permute order types for 3-D (c,h,w) blobs, as the ONNX perm of [1,C,H,W] each one performs. */
export const PERMUTE_3D: Record<string, number> = { '0,1,2,3': 0, '0,1,3,2': 1, '0,2,1,3': 2, '0,2,3,1': 3, '0,3,1,2': 4, '0,3,2,1': 5 };
/** …and for 2-D (h,w) blobs, [1,H,W]. */
export const PERMUTE_2D: Record<string, number> = { '0,1,2': 0, '0,2,1': 1 };

/** Whether a param is a float (ncnn parses a value as float only if it is written with '.' or 'e'). */
export function isFloatParam(layer: string, id: number): boolean {
  const def = ncnnTable().layers[layer];
  return !!def?.floatParams?.some((n) => def.params[n] === id);
}
