/** Reports on Caffe and TFLite models name the original layers and tensors. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { CORPUS } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { needing } from '../helpers/prereq.js';
import { CORPUS_PREREQ } from '../helpers/prerequisites.js';

needing(test, CORPUS_PREREQ)('convcheck model.prototxt --target nnie: a full report with Caffe layer names', () => {
  const p = join(CORPUS, 'caffe', 'mobilenet_ssd.prototxt');
  const r = runCli([p, '--target', 'nnie', '--format', 'json']);
  assert.is(r.code, 1);
  const j = JSON.parse(r.stdout);
  assert.is(j.model.format, 'caffe');
  const prior = j.findings.filter((f: { ruleId: string }) => f.ruleId === 'nnie/PriorBox-cpu');
  assert.is(prior.length, 6);
  assert.equal(prior[0].origin, { name: 'conv11_mbox_priorbox', type: 'PriorBox' });
  assert.ok(
    !j.findings.some((f: { ruleId: string }) => f.ruleId === 'nnie/model-format'),
    'a Caffe model needs no conversion for NNIE',
  );
});

needing(test, CORPUS_PREREQ)(
  'convcheck model.tflite --target ncnn,rknn: a full report with TFLite tensor names',
  () => {
    const p = join(CORPUS, 'tflite', 'selfie_segmentation.tflite');
    const r = runCli([p, '--target', 'ncnn,rknn', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    assert.is(j.model.format, 'tflite');
    const pool = j.findings.find((f: { ruleId: string }) => f.ruleId === 'rknn/AveragePool-kernel');
    assert.ok(pool, 'an rknn limit is found on a TFLite op');
    assert.equal(
      pool.origin,
      { name: 'average_pooling2d', type: 'AVERAGE_POOL_2D' },
      'origin: the TFLite tensor name and builtin op',
    );
    const format = j.findings.find((f: { ruleId: string }) => f.ruleId === 'ncnn/model-format');
    assert.ok(format, "ncnn's converters do not read TFLite");
    assert.is(format.level, 'warning', "a warning: convcheck's own exporter writes ncnn from TFLite");
    assert.match(format.message, /convcheck convert <model> --to ncnn/);
  },
);

test.run();
