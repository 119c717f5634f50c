/**
 * Custom ops with public semantics. TFLite_Detection_PostProcess (SSD box decoding + non-max suppression,
 * options in a flexbuffer map) stays a foreign node whose four outputs get the kernel's exact shapes:
 * boxes [1, N, 4], classes [1, N], scores [1, N], num_detections [1], N = max_detections ×
 * max_classes_per_detection (tensorflow/lite/kernels/detection_postprocess.cc, Prepare). ONNX's
 * NonMaxSuppression differs from the kernel's fast NMS (class-agnostic max score, zero-padded outputs),
 * so the op is not rewritten. Other custom ops stay foreign with the output shapes the file declares.
 */
import type { Origin } from '../../src/ir/node.js';
import { attr, type Attrs } from '../../src/ir/attr.js';
import type { TflOperator } from './read-model.js';
import type { SubgraphImporter } from './subgraph-importer.js';
import type { StructuralOp } from './structural-ops.js';
import { readFlexMap } from './flexbuffer-map.js';

/** The flexbuffer keys the kernel reads, with the defaults it applies (detections_per_class 100). */
export const DETECTION_POSTPROCESS_KEYS = [
  'max_detections',
  'max_classes_per_detection',
  'detections_per_class',
  'use_regular_nms',
  'nms_score_threshold',
  'nms_iou_threshold',
  'num_classes',
  'y_scale',
  'x_scale',
  'h_scale',
  'w_scale',
] as const;
const INT_KEYS = new Set([
  'max_detections',
  'max_classes_per_detection',
  'detections_per_class',
  'num_classes',
  'use_regular_nms',
]);

function detectionPostprocess(imp: SubgraphImporter, op: TflOperator, origin: Origin): boolean {
  const o = readFlexMap(op.customOptions ?? new Uint8Array(0), DETECTION_POSTPROCESS_KEYS);
  const maxDetections = Number(o.get('max_detections') ?? NaN),
    perDetection = Number(o.get('max_classes_per_detection') ?? NaN);
  // without both sizes (or with another output count) the kernel's shapes are unknown here: keep the declared ones
  if (!(maxDetections > 0) || !(perDetection > 0) || op.outputs.length !== 4) return false;
  const n = maxDetections * perDetection;
  const shapes = [[1, n, 4], [1, n], [1, n], [1]];
  const g = imp.g;
  const outs = op.outputs.map((k, j) => {
    const v = g.newValue(imp.tensor(k).name || `${origin.name}_${j}`);
    v.dtype = 'float32';
    v.shape = shapes[j]!;
    return v;
  });
  const attrs: Attrs = new Map([['custom_options', { type: 'opaque', kind: 'bytes', value: op.customOptions }]]);
  for (const [k, v] of o) attrs.set(k, INT_KEYS.has(k) ? attr.int(Number(v)) : attr.float(Number(v)));
  g.addNode({
    op: 'Custom:TFLite_Detection_PostProcess',
    domain: 'tflite',
    name: g.uniqueNodeName(origin.name),
    inputs: op.inputs.map((k) => (k < 0 ? null : imp.rawValue(k))),
    outputs: outs,
    attrs,
    origin,
  });
  op.outputs.forEach((k, j) => imp.bind(k, outs[j]!));
  return true;
}

const CUSTOM: Record<string, StructuralOp> = {
  TFLite_Detection_PostProcess: detectionPostprocess,
};

/** CUSTOM operators handled here; false leaves the op to the op table (or foreign with its declared shapes). */
export const customOps: Record<string, StructuralOp> = {
  CUSTOM: (imp, op, origin) => CUSTOM[op.custom]?.(imp, op, origin) ?? false,
};
