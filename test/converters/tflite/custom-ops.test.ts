/**
 * Custom ops stay foreign with output shapes, so shape inference and checking go on past them:
 * TFLite_Detection_PostProcess gets the kernel's shapes from its flexbuffer options (compared with the
 * shapes LiteRT.js produces), any other custom op the shapes the file declares; every target reports it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';
import { buildTflite, type TflModelSpec, type TflTensorSpec } from '../../helpers/tflite-builder.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { runLiteRt } from '../../helpers/litert.js';
import { runCli } from '../../helpers/cli.js';
import { readFlexMap } from '../../../converters/tflite/flexbuffer-map.js';

const f32 = (name: string, shape: number[], data?: number[]): TflTensorSpec => ({ name, type: 'FLOAT32', shape, data });
const anchors = Array.from({ length: 40 }, (_, i) => [0.1 + 0.08 * (i >> 2), 0.5, 0.2, 0.2][i % 4]!);

/** SSD postprocess of 10 anchors, 3 classes; a downstream ADD on the scores. Output shapes declared or empty. */
function detectionModel(options: Record<string, number | boolean>, declared: number[][] | null): TflModelSpec {
  const [boxes, classes, scores, num] = declared ?? [[], [], [], []];
  return {
    tensors: [
      f32('raw_boxes', [1, 10, 4]),
      f32('raw_scores', [1, 10, 3]),
      f32('anchors', [10, 4], anchors),
      f32('boxes', boxes!),
      f32('classes', classes!),
      f32('scores', scores!),
      f32('num', num!),
      f32('half', [], [0.5]),
      f32('scores_plus', scores!),
    ],
    inputs: [0, 1],
    outputs: [3, 4, 8, 6],
    operators: [
      {
        op: 'CUSTOM',
        custom: 'TFLite_Detection_PostProcess',
        inputs: [0, 1, 2],
        outputs: [3, 4, 5, 6],
        customOptions: encode(options),
      },
      { op: 'ADD', inputs: [5, 7], outputs: [8] },
    ],
  };
}
const OPTIONS = {
  max_detections: 4,
  max_classes_per_detection: 2,
  detections_per_class: 100,
  use_regular_nms: false,
  nms_score_threshold: 0.25,
  nms_iou_threshold: 0.5,
  num_classes: 2,
  y_scale: 10,
  x_scale: 10,
  h_scale: 5,
  w_scale: 5,
};

const dir = mkdtempSync(join(tmpdir(), 'convcheck-custom-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the flexbuffer map reader reads scalars and ignores corrupt buffers', () => {
  const m = readFlexMap(encode(OPTIONS), ['max_detections', 'use_regular_nms', 'x_scale', 'absent']);
  assert.equal(
    [...m],
    [
      ['max_detections', 4],
      ['use_regular_nms', false],
      ['x_scale', 10],
    ],
  );
  const wide = readFlexMap(encode({ iou: 0.1, n: 3, big: 2 ** 40 }), ['iou', 'n', 'big']); // 64-bit elements
  assert.equal(
    [...wide],
    [
      ['big', 2 ** 40],
      ['iou', 0.1],
      ['n', 3],
    ],
  );
  const bytes = encode(OPTIONS);
  for (let cut = 0; cut < bytes.length; cut += 7) readFlexMap(bytes.subarray(0, cut), ['max_detections']);
  const noisy = Uint8Array.from(bytes, (b, i) => (i % 5 === 0 ? 255 - b : b));
  readFlexMap(noisy, ['max_detections', 'x_scale']);
});

test('TFLite_Detection_PostProcess: foreign, with the shapes LiteRT.js produces', async () => {
  const file = join(dir, 'ssd_post.tflite');
  writeFileSync(file, buildTflite(detectionModel(OPTIONS, null)));
  const m = readTfliteModel(file);
  const node = m.graph.nodes.find((n) => n.op === 'Custom:TFLite_Detection_PostProcess')!;
  assert.is(node.domain, 'tflite');
  assert.is(node.int('max_detections'), 4);
  assert.equal(
    node.outputs.map((v) => v!.shape),
    [[1, 8, 4], [1, 8], [1, 8], [1]],
  );
  assert.equal(
    m.graph.outputs.map((v) => v.shape),
    [[1, 8, 4], [1, 8], [1, 8], [1]],
    'the ADD after the scores is inferred through the foreign node',
  );
  // LiteRT.js needs the declared shapes to allocate; it runs the same op with them declared
  const declared = join(dir, 'ssd_post_declared.tflite');
  writeFileSync(declared, buildTflite(detectionModel(OPTIONS, [[1, 8, 4], [1, 8], [1, 8], [1]])));
  const lite = await runLiteRt(declared, [
    { data: new Float32Array(40).fill(0.1), shape: [1, 10, 4] },
    { data: Float32Array.from({ length: 30 }, (_, i) => (i % 7) / 7), shape: [1, 10, 3] },
  ]);
  assert.equal(
    lite.map((o) => o.data.length),
    m.graph.outputs.map((v) => (v.shape as number[]).reduce((a, b) => a * b, 1)),
  );
  assert.ok(lite[3]!.data[0]! >= 1, 'the reference detected something');
});

test('other custom ops keep the declared output shapes; each target reports the foreign op', () => {
  const spec: TflModelSpec = {
    tensors: [f32('x', [1, 6]), f32('y', [1, 3]), f32('z', [1, 3])],
    inputs: [0],
    outputs: [2],
    operators: [
      { op: 'CUSTOM', custom: 'VendorThing', inputs: [0], outputs: [1], customOptions: Uint8Array.from([1, 2, 3]) },
      { op: 'TANH', inputs: [1], outputs: [2] },
    ],
  };
  const file = join(dir, 'vendor.tflite');
  writeFileSync(file, buildTflite(spec));
  const m = readTfliteModel(file);
  assert.equal(
    m.graph.outputs.map((v) => v.shape),
    [[1, 3]],
  );
  const r = runCli([file, '--target', 'all', '--format', 'json']);
  assert.is(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { target: string; node: string; message: string }[] };
  const targets = new Set(report.findings.filter((f) => /VendorThing/.test(f.message + f.node)).map((f) => f.target));
  assert.ok(targets.size >= 5, `targets reporting the custom op: ${[...targets].join(', ')}`);
});

test.run();
