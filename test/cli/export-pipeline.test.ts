/**
 * The export pipelines of src/cli/export-pipeline: one for every exporter, in the registry's order; the ONNX
 * pipeline writes a Caffe SSD's DetectionOutput in ONNX ops without changing the caller's model.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exporters, loadModel } from '../../converters/index.js';
import { exportPipelines, findExportPipeline } from '../../src/cli/export-pipeline/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { InputError } from '../../src/io/input-error.js';
import { CORPUS } from '../helpers/paths.js';
import { CORPUS_PREREQ } from '../helpers/prerequisites.js';
import { needing } from '../helpers/prereq.js';

test('every exporter has an export pipeline, in the registry order', () => {
  assert.equal(
    exportPipelines.map((p) => p.format),
    exporters.map((e) => e.format),
  );
  for (const e of exporters) assert.is(findExportPipeline(e.format).format, e.format);
});

test('a format no exporter writes is the registry usage error', () => {
  assert.throws(
    () => findExportPipeline('tflite'),
    (e: unknown) => e instanceof InputError && /formats: onnx, ncnn, caffe/.test(String(e)),
  );
});

const ops = (m: ReturnType<typeof loadModel>): string =>
  m.graph.nodes.map((n) => `${n.domain}.${n.op}:${n.name}`).join('\n');

needing(test, CORPUS_PREREQ)(
  'ONNX pipeline: a Caffe SSD is written with DetectionOutput in ONNX ops; the caller keeps its caffe layers',
  () => {
    const model = prepareModel(loadModel(join(CORPUS, 'caffe', 'mobilenet_ssd.prototxt'), { weights: 'load' }));
    const before = ops(model);
    assert.ok(model.graph.nodes.some((n) => n.domain === 'caffe' && n.op === 'DetectionOutput'));
    const out = join(mkdtempSync(join(tmpdir(), 'convcheck-pipeline-')), 'ssd.onnx');
    assert.equal(findExportPipeline('onnx').run(model, out, {}), [out]);
    assert.is(ops(model), before, 'the caller’s model is unchanged');
    const written = loadModel(out, { weights: 'none' });
    const foreign = written.graph.nodes.filter((n) => n.domain === 'caffe').map((n) => n.op);
    assert.equal(foreign, [], 'no caffe.* node is left in the ONNX file');
    assert.ok(written.graph.nodes.some((n) => n.op === 'NonMaxSuppression'));
  },
);

test.run();
