/**
 * expand-caffe-detection-output: a caffe.DetectionOutput node becomes ONNX ops computing what SSD's layer
 * computes — checked against a direct implementation of the layer (decode, per-class greedy NMS, top-k) on
 * random inputs; the real MobileNet-SSD is compared with OpenCV in test/converters/caffe/corpus.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Graph } from '../../src/ir/graph.js';
import { newModel } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import { attr } from '../../src/ir/attr.js';
import { seeded } from '../../src/ir/text.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { inferShapes } from '../../src/shape/infer.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { runOrt } from '../helpers/ort.js';
import { compareTensors, describeComparison } from '../../src/verify/compare.js';

const N = 40,
  C = 4,
  TOPK = 10,
  KEEP = 12,
  NMS = 0.45,
  CONF = 0.3;
const PARAM = {
  num_classes: C,
  share_location: true,
  background_label_id: 0,
  nms_param: { nms_threshold: NMS, top_k: TOPK },
  code_type: 'CENTER_SIZE',
  keep_top_k: KEEP,
  confidence_threshold: CONF,
};

function model(prior: number[]): ReturnType<typeof newModel> {
  const g = new Graph('main');
  const loc = g.value('loc'),
    conf = g.value('conf'),
    pr = g.value('prior'),
    out = g.value('detection_out');
  loc.dtype = conf.dtype = 'float32';
  loc.shape = [1, N * 4];
  conf.shape = [1, N * C];
  pr.data = Tensor.fromBytes('float32', [1, 2, N * 4], numbersToBytes('float32', prior));
  pr.dtype = 'float32';
  pr.shape = [1, 2, N * 4];
  g.inputs.push(loc, conf);
  g.addNode({
    op: 'DetectionOutput',
    domain: 'caffe',
    name: 'detection_out',
    inputs: [loc, conf, pr],
    outputs: [out],
    attrs: new Map([['detection_output_param', attr.string(JSON.stringify([PARAM]))]]),
  });
  g.outputs.push(out);
  return newModel(g, { format: 'caffe', opsets: new Map([['', 13]]) });
}

/** The layer, directly: rows by score (OpenCV's order). */
function reference(loc: number[], conf: number[], prior: number[]): number[][] {
  const f = Math.fround;
  const boxes = Array.from({ length: N }, (_, i) => {
    const [x0, y0, x1, y1] = prior.slice(i * 4, i * 4 + 4) as [number, number, number, number];
    const [v0, v1, v2, v3] = prior.slice(N * 4 + i * 4, N * 4 + i * 4 + 4) as [number, number, number, number];
    const [l0, l1, l2, l3] = loc.slice(i * 4, i * 4 + 4) as [number, number, number, number];
    const pw = x1 - x0,
      ph = y1 - y0,
      cx = f(v0 * l0 * pw + (x0 + x1) / 2),
      cy = f(v1 * l1 * ph + (y0 + y1) / 2),
      w = f(Math.exp(v2 * l2) * pw),
      h = f(Math.exp(v3 * l3) * ph);
    return [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
  });
  const iou = (a: number[], b: number[]): number => {
    const iw = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!)),
      ih = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
    const inter = iw * ih;
    return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
  };
  const all: [number, number, number][] = [];
  for (let c = 1; c < C; c++) {
    const cand = [...Array(N).keys()]
      .filter((i) => conf[i * C + c]! > CONF)
      .sort((a, b) => conf[b * C + c]! - conf[a * C + c]! || a - b)
      .slice(0, TOPK);
    const kept: number[] = [];
    for (const i of cand) if (kept.every((k) => iou(boxes[i]!, boxes[k]!) <= NMS)) kept.push(i);
    for (const i of kept) all.push([conf[i * C + c]!, c, i]);
  }
  all.sort((a, b) => b[0] - a[0]);
  return all.slice(0, KEEP).map(([s, c, i]) => [0, c, s, ...boxes[i]!]);
}

test('expand-caffe-detection-output', async () => {
  const r = seeded(7);
  const prior: number[] = [];
  for (let i = 0; i < N; i++) {
    const cx = r(),
      cy = r(),
      w = 0.1 + r() * 0.3,
      h = 0.1 + r() * 0.3;
    prior.push(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
  }
  for (let i = 0; i < N; i++) prior.push(0.1, 0.1, 0.2, 0.2);
  const loc = Array.from({ length: N * 4 }, () => r() - 0.5);
  const conf = Array.from({ length: N }, () => {
    const e = Array.from({ length: C }, () => Math.exp(r() * 3));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  }).flat();
  const m = model(prior);
  inferShapes(m);
  const run = runRewrites(m, new Set(['expand-caffe-detection-output']));
  assert.ok(run.applications.some((a) => a.rule === 'expand-caffe-detection-output'));
  assert.ok(
    m.graph.nodes.every((n) => n.domain === ''),
    'only ONNX ops left',
  );
  const out = await runOrt(m, {
    loc: { dtype: 'float32', dims: [1, N * 4], data: Float32Array.from(loc) },
    conf: { dtype: 'float32', dims: [1, N * C], data: Float32Array.from(conf) },
  });
  const got = Array.from(out.detection_out!.data as Float32Array);
  const want = reference(
    Array.from(Float32Array.from(loc)),
    Array.from(Float32Array.from(conf)),
    Array.from(Float32Array.from(prior)),
  );
  assert.ok(want.length > 3, 'the case has detections');
  assert.is(got.length, want.length * 7);
  const d = compareTensors({ data: got }, { data: want.flat() }, { rtol: 0, atol: 1e-5, relativeTo: 'element' });
  assert.ok(d.ok, describeComparison(d));
  const untouched = model(prior);
  untouched.graph.nodes[0]!.attrs.set(
    'detection_output_param',
    attr.string(JSON.stringify([{ ...PARAM, code_type: 'CORNER' }])),
  );
  inferShapes(untouched);
  assert.is(
    runRewrites(untouched, new Set(['expand-caffe-detection-output'])).applications.length,
    0,
    'CORNER boxes are left to the layer',
  );
});

test.run();
