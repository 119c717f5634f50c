/**
 * Detection heads that stay foreign (`caffe.<Type>`), each with its output dims so checking and weight matching
 * go on past them: SSD PriorBox (its value computed at import) and DetectionOutput; Faster R-CNN / R-FCN
 * ROIPooling, PSROIPooling, Proposal; YOLO Region, Yolo and Reorg (the NNIE PassThrough is in pass-through.ts); Python layers (dims unknown unless given
 * with --layer-shape).
 */
import { foreign } from './foreign.js';
import { param } from './params.js';
import { priorBox } from './prior-box.js';
import type { CaffeLayerOp, LayerShapeFn } from './types.js';

/** Symbolic dims are left to the importer (null → `<layer>_<i>`); here: a count the data decides. */
const DATA_DEPENDENT = -1;

const roiPooling: LayerShapeFn = (c, [x, rois]) => {
  const p = param(c, 'roi_pooling_param');
  if (!x) return [null];
  return [[rois?.[0] ?? DATA_DEPENDENT, x[1]!, p.num('pooled_h') ?? 0, p.num('pooled_w') ?? 0]];
};

const psRoiPooling: LayerShapeFn = (c, [, rois]) => {
  const p = param(c, 'psroi_pooling_param');
  const g = p.num('group_size') ?? 0;
  return [[rois?.[0] ?? DATA_DEPENDENT, p.num('output_dim') ?? 0, g, g]];
};

/** Proposal: rois [R, 5] (batch index, x1, y1, x2, y2), and scores [R, 1] when a second top is asked for. */
const proposal: LayerShapeFn = (c) => {
  const tops: number[][] = [[DATA_DEPENDENT, 5]];
  if (c.tops > 1) tops.push([DATA_DEPENDENT, 1]);
  return tops;
};

/** Reorg (YOLOv2 ports): stride s moves s×s blocks into channels (PassThrough: pass-through.ts). */
const reorg: LayerShapeFn = (c, [x]) => {
  const s = param(c, 'reorg_param').num('stride') ?? 2;
  return [x && x.length === 4 ? [x[0]!, x[1]! * s * s, Math.floor(x[2]! / s), Math.floor(x[3]! / s)] : null];
};

/** DetectionOutput: [1, 1, detections, 7] rows of image, label, score, box. */
const detectionOutput: LayerShapeFn = () => [[1, 1, DATA_DEPENDENT, 7]];

const sameAsInput: LayerShapeFn = (_c, [x]) => [x ? [...x] : null];

export const DETECTION_OPS: CaffeLayerOp[] = [
  { types: ['PriorBox'], import: priorBox },
  { types: ['DetectionOutput'], import: foreign, shape: detectionOutput },
  { types: ['ROIPooling'], import: foreign, shape: roiPooling },
  { types: ['PSROIPooling'], import: foreign, shape: psRoiPooling },
  { types: ['Proposal'], import: foreign, shape: proposal },
  { types: ['Reorg'], import: foreign, shape: reorg },
  { types: ['Region', 'Yolo'], import: foreign, shape: sameAsInput },
  { types: ['Python'], import: foreign },
];
