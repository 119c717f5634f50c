/**
 * SSD's DetectionOutput (weiliu89/caffe detection_output_layer.cpp; OpenCV dnn detection_output_layer.cpp) in
 * ONNX ops, for its common form: one image, shared locations, CENTER_SIZE boxes with variances from the priors,
 * background class excluded. Decode every prior; per class: scores above confidence_threshold, the nms top_k
 * best, greedy NMS (IoU > nms_threshold suppresses); over all classes the keep_top_k best; rows ordered by
 * score (OpenCV's order; Caffe lists the same rows grouped by label), as [image, label, score, xmin, ymin, xmax,
 * ymax] in a [1, 1, n, 7] output.
 * Other forms stay foreign (`detectionOutput` gives null). With no detection Caffe writes one row of −1; this form
 * then gives 0 rows.
 */
import type { Value } from '../../ir/value.js';
import { attr, type Attrs } from '../../ir/attr.js';
import { TextMessage } from './text-message.js';

/** Where the expansion builds: the layer's params, inputs and their dims, and a way to add constants and nodes. */
export interface DetectionOutputBuild {
  p: TextMessage;
  inputs: Value[];
  shape(v: Value): number[] | null;
  constant(name: string, dtype: 'float32' | 'int64', dims: number[], values: number[]): Value;
  /** Adds an ONNX node (default domain) with `outputs` outputs. */
  node(op: string, inputs: (Value | null)[], attrs?: Attrs, outputs?: number): Value[];
}

/** The form this expansion covers (one image, shared locations, CENTER_SIZE, eta 1, no clip), with the sizes it needs. */
export function detectionForm(
  c: Pick<DetectionOutputBuild, 'p' | 'inputs' | 'shape'>,
): { N: number; C: number; bg: number } | null {
  const p = c.p.msg('detection_output_param') ?? new TextMessage(),
    nms = p.msg('nms_param') ?? new TextMessage();
  const [loc, conf, prior] = c.inputs;
  const ls = loc ? c.shape(loc) : null,
    cs = conf ? c.shape(conf) : null,
    ps = prior ? c.shape(prior) : null;
  const C = p.num('num_classes') ?? 0,
    bg = p.num('background_label_id') ?? 0;
  if (
    !ls ||
    !cs ||
    !ps ||
    ls[0] !== 1 ||
    !C ||
    (p.bool('share_location') ?? true) !== true ||
    (p.str('code_type') ?? 'CORNER') !== 'CENTER_SIZE' ||
    p.bool('variance_encoded_in_target') ||
    (nms.num('eta') ?? 1) !== 1 ||
    p.bool('clip')
  )
    return null;
  const N = (ps[2] ?? 0) / 4;
  if (!N || ls.reduce((a, b) => a * b, 1) !== N * 4 || cs.reduce((a, b) => a * b, 1) !== N * C) return null;
  return { N, C, bg };
}

/** The [1, 1, n, 7] detections in ONNX ops, or null when the layer is not in the form covered. */
export function detectionOutput(c: DetectionOutputBuild): Value[] | null {
  const form = detectionForm(c);
  if (!form) return null;
  const { N, C, bg } = form;
  const p = c.p.msg('detection_output_param')!,
    nms = p.msg('nms_param') ?? new TextMessage();
  const [loc, conf, prior] = c.inputs;
  const topK = Math.min(nms.num('top_k') ?? N, N),
    keepTopK = p.num('keep_top_k') ?? -1;
  const op = (o: string, ins: (Value | null)[], a: [string, ReturnType<typeof attr.int>][] = []): Value =>
    c.node(o, ins, new Map(a))[0]!;
  const i64 = (name: string, v: number[]): Value => c.constant(name, 'int64', [v.length], v);
  const f32 = (name: string, v: number): Value => c.constant(name, 'float32', [], [v]);
  const slice = (x: Value, s: number, e: number, axis: number): Value =>
    op('Slice', [x, i64(`s${s}_${e}_${axis}`, [s]), i64(`e${s}_${e}_${axis}`, [e]), i64(`a${s}_${e}_${axis}`, [axis])]);

  // decode: [N,4] priors and variances, [N,4] offsets
  const pr = op('Reshape', [prior!, i64('prior_shape', [2, N, 4])]);
  const pb = op('Squeeze', [slice(pr, 0, 1, 0), i64('sq0', [0])]),
    pv = op('Squeeze', [slice(pr, 1, 2, 0), i64('sq0b', [0])]);
  const d = op('Reshape', [loc!, i64('loc_shape', [N, 4])]);
  const pmin = slice(pb, 0, 2, 1),
    pmax = slice(pb, 2, 4, 1);
  const psize = op('Sub', [pmax, pmin]),
    pcenter = op('Div', [op('Add', [pmin, pmax]), f32('two', 2)]);
  const center = op('Add', [op('Mul', [op('Mul', [slice(pv, 0, 2, 1), slice(d, 0, 2, 1)]), psize]), pcenter]);
  const size = op('Mul', [op('Exp', [op('Mul', [slice(pv, 2, 4, 1), slice(d, 2, 4, 1)])]), psize]);
  const half = op('Div', [size, f32('two_b', 2)]);
  const boxes = op('Concat', [op('Sub', [center, half]), op('Add', [center, half])], [['axis', attr.int(1)]]); // [N,4] xmin,ymin,xmax,ymax

  // per class (background removed): scores [C', N] → the top_k best → NMS with classes as the batch axis
  const classes = [...Array(C).keys()].filter((k) => k !== bg);
  const scoresAll = op('Transpose', [op('Reshape', [conf!, i64('conf_shape', [N, C])])], [['perm', attr.ints([1, 0])]]);
  const scores = op('Gather', [scoresAll, i64('classes', classes)], [['axis', attr.int(0)]]);
  const [topVals, topIdx] = c.node('TopK', [scores, i64('top_k', [topK])], new Map([['axis', attr.int(1)]]), 2) as [
    Value,
    Value,
  ];
  const classBoxes = op('Gather', [boxes, topIdx], [['axis', attr.int(0)]]); // [C', K, 4]
  const sel = op('NonMaxSuppression', [
    classBoxes,
    op('Unsqueeze', [topVals, i64('unsq1', [1])]),
    i64('max_out', [topK]),
    f32('iou', p.msg('nms_param')?.num('nms_threshold') ?? 0.3),
    f32('score_threshold', p.num('confidence_threshold') ?? 0),
  ]);
  const cls = slice(sel, 0, 1, 1),
    pos = slice(sel, 2, 3, 1);
  const clsPos = op('Concat', [cls, pos], [['axis', attr.int(1)]]);
  let score = op('GatherND', [topVals, clsPos]); // [M]
  let prior_ = op('GatherND', [topIdx, clsPos]);
  let label = op('Squeeze', [cls, i64('sq1', [1])]);
  if (keepTopK > 0) {
    const m = op('Shape', [score]);
    const k = op('Min', [m, i64('keep_top_k', [keepTopK])]);
    const [, keep] = c.node('TopK', [score, k], new Map([['axis', attr.int(0)]]), 2) as [Value, Value];
    score = op('Gather', [score, keep]);
    prior_ = op('Gather', [prior_, keep]);
    label = op('Gather', [label, keep]);
  }
  // rows by score, best first, as OpenCV's dnn writes them (Caffe groups them by label instead: same rows)
  const labelValue = op('Gather', [c.constant('label_values', 'float32', [classes.length], classes), label]);
  const [, order] = c.node('TopK', [score, op('Shape', [score])], new Map([['axis', attr.int(0)]]), 2) as [
    Value,
    Value,
  ];
  const col = (v: Value): Value => op('Unsqueeze', [op('Gather', [v, order]), i64(`unsq_col`, [1])]);
  const rows = op(
    'Concat',
    [
      op('Mul', [col(labelValue), f32('zero', 0)]),
      col(labelValue),
      col(score),
      op('Gather', [boxes, op('Gather', [prior_, order])]),
    ],
    [['axis', attr.int(1)]],
  );
  return [op('Reshape', [rows, i64('out_shape', [1, 1, -1, 7])])];
}
