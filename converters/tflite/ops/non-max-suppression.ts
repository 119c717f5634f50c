/**
 * NON_MAX_SUPPRESSION_V4 / V5 (TensorFlow's padded NMS): boxes [N, 4] as [y1, x1, y2, x2] (any diagonal corner
 * pair), scores [N], max_output_size, iou_threshold, score_threshold (V5 also soft_nms_sigma). Outputs: the
 * selected box indices [max_output_size] in selection order, padded with 0; (V5) their scores, padded with 0;
 * and the number of valid entries.
 *
 * Hard NMS is ONNX NonMaxSuppression with one batch and one class: the same greedy order (highest score
 * first), the same strict tests (score > score_threshold, suppressed when IoU > iou_threshold) and the same
 * corner handling; its [K, 3] (batch, class, box) triples are cut to the box column and padded. Soft NMS
 * (V5 with soft_nms_sigma > 0) lowers the scores of overlapping boxes by exp(−IoU²/(2σ)) and re-sorts, which no
 * ONNX op does: such an operator stays foreign with its declared output shapes.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { constInts, ints64 } from './int-constants.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';

const cast = (c: OpCtx, v: Value, to: number): Value => c.node('Cast', [v], new Map([['to', attr.int(to)]]))[0]!;
const INT32 = 6,
  INT64 = 7;

/** Selected indices (int64 [K]) of hard NMS with TFLite's inputs 0–4. */
function selectBoxes(c: OpCtx): Value {
  const n = c.shapeOf(0)[0]!;
  const boxes = c.node('Reshape', [c.input(0), ints64(c, 'boxes_shape', [1, n, 4])])[0]!;
  const scores = c.node('Reshape', [c.input(1), ints64(c, 'scores_shape', [1, 1, n])])[0]!;
  const maxOut = c.node('Reshape', [cast(c, c.input(2)!, INT64), ints64(c, 'one', [1])])[0]!;
  const iou = c.node('Reshape', [c.input(3), ints64(c, 'one', [1])])[0]!;
  const threshold = c.node('Reshape', [c.input(4), ints64(c, 'one', [1])])[0]!;
  const triples = c.node('NonMaxSuppression', [boxes, scores, maxOut, iou, threshold])[0]!;
  const column = c.node('Gather', [triples, ints64(c, 'box_column', [2])], new Map([['axis', attr.int(1)]]))[0]!;
  return c.node('Reshape', [column, ints64(c, 'flat', [-1])])[0]!;
}

/** x [K] padded with zeros to `size` entries; also K as an int64 [1]. */
function padTo(c: OpCtx, x: Value, size: Value): [Value, Value] {
  const k = c.node('Shape', [x])[0]!;
  const pads = c.node(
    'Concat',
    [ints64(c, 'no_pad', [0]), c.node('Sub', [size, k])[0]!],
    new Map([['axis', attr.int(0)]]),
  )[0]!;
  return [c.node('Pad', [x, pads])[0]!, k];
}

function nms(c: OpCtx, withScores: boolean): Value[] | null {
  if (withScores) {
    const sigma = c.constData(5);
    if (!sigma || tensorToNumbers(sigma).some((s) => s !== 0)) return null;
  }
  const selected = selectBoxes(c);
  const known = constInts(c, 2);
  const size = known
    ? ints64(c, 'max_output_size', [known[0]!])
    : c.node('Reshape', [cast(c, c.input(2)!, INT64), ints64(c, 'one', [1])])[0]!;
  const [indices, k] = padTo(c, selected, size);
  const valid = c.node('Reshape', [cast(c, k, INT32), ints64(c, 'scalar', [])])[0]!;
  if (!withScores) return [cast(c, indices, INT32), valid];
  const picked = c.node('Gather', [c.input(1), selected], new Map([['axis', attr.int(0)]]))[0]!;
  return [cast(c, indices, INT32), padTo(c, picked, size)[0], valid];
}

export const nonMaxSuppressionOps: TfliteOpTable = {
  NON_MAX_SUPPRESSION_V4: (c) => nms(c, false),
  NON_MAX_SUPPRESSION_V5: (c) => nms(c, true),
};
