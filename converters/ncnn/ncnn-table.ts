import { readPackageJson } from '../../src/io/package-json.js';

export interface NcnnLayerDef {
  params: Record<string, number>;
  weights: [string, 'tagged' | 'raw'][];
  enums?: Record<string, Record<string, number>>;
  floatParams?: string[];
}
export interface NcnnTable {
  magic: number;
  arrayKeyBase: number;
  weightTags: Record<string, number>;
  layers: Record<string, NcnnLayerDef>;
}

let table: NcnnTable | undefined;
/** opsets/ncnn.json: layer types, param ids by name, weight order. */
export function ncnnTable(): NcnnTable {
  table ??= readPackageJson<NcnnTable>('opsets/ncnn.json');
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
export const PERMUTE_3D: Record<string, number> = {
  '0,1,2,3': 0,
  '0,1,3,2': 1,
  '0,2,1,3': 2,
  '0,2,3,1': 3,
  '0,3,1,2': 4,
  '0,3,2,1': 5,
};
/** …and for 2-D (h,w) blobs, [1,H,W]. */
export const PERMUTE_2D: Record<string, number> = { '0,1,2': 0, '0,2,1': 1 };
/**
 * …and for 4-D (c,d,h,w) blobs, [1,C,D,H,W]: ncnn's Permute lists each order type as the output's
 * axes fastest first (src/layer/permute.cpp, dims == 4: 0 = "w h d c" … 23 = "c d h w"); output w, h,
 * d, c take the input axes named there, i.e. ONNX perm[4], perm[3], perm[2], perm[1].
 */
const ORDERS_4D = [
  'whdc',
  'hwdc',
  'wdhc',
  'dwhc',
  'hdwc',
  'dhwc',
  'whcd',
  'hwcd',
  'wchd',
  'cwhd',
  'hcwd',
  'chwd',
  'wdch',
  'dwch',
  'wcdh',
  'cwdh',
  'dcwh',
  'cdwh',
  'hdcw',
  'dhcw',
  'hcdw',
  'chdw',
  'dchw',
  'cdhw',
];
const ONNX_AXIS: Record<string, number> = { c: 1, d: 2, h: 3, w: 4 };
export const PERMUTE_4D: Record<string, number> = Object.fromEntries(
  ORDERS_4D.map((o, type) => {
    const [w, h, d, c] = [...o].map((l) => ONNX_AXIS[l]!);
    return [[0, c, d, h, w].join(','), type];
  }),
);

/** Whether a param is a float (ncnn parses a value as float only if it is written with '.' or 'e'). */
export function isFloatParam(layer: string, id: number): boolean {
  const def = ncnnTable().layers[layer];
  return !!def?.floatParams?.some((n) => def.params[n] === id);
}
