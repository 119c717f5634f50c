/** V1LayerParameter.LayerType enum names (BVLC caffe.proto) → V2 layer type strings, from opsets/caffe.json. */
import { readPackageJson } from '../../src/io/package-json.js';

export interface CaffeLayerDef {
  param?: string;
  maps: string;
  v1?: string;
  outputShape?: (number | null)[];
  /** mapped (ONNX ops), foreign-with-shape (a caffe.* node whose output dims are known), not-for-inference (skipped). */
  inference: 'mapped' | 'foreign-with-shape' | 'not-for-inference';
  /** Why a layer is not mapped to ONNX ops. */
  reason?: string;
}
let table: Record<string, CaffeLayerDef> | undefined;
/** opsets/caffe.json: every Caffe layer type convcheck knows, what it maps to, its V1 enum name. */
export function caffeLayers(): Record<string, CaffeLayerDef> {
  table ??= (
    readPackageJson('opsets/caffe.json') as {
      layers: Record<string, CaffeLayerDef>;
    }
  ).layers;
  return table;
}
let v1Types: Record<string, string> | undefined;
/** V1 enum name → layer type, built on first use (an ONNX or TFLite read never pays for opsets/caffe.json). */
export function v1LayerTypes(): Record<string, string> {
  v1Types ??= Object.fromEntries(
    Object.entries(caffeLayers())
      .filter(([, d]) => d.v1)
      .map(([t, d]) => [d.v1!, t]),
  );
  return v1Types;
}
