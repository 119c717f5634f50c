/**
 * Caffe export from real TFLite and Caffe models of the corpus: written, run in OpenCV dnn and compared with
 * onnxruntime on the imported model (all outputs, ≤ 1e-4 of the output range), read back by the Caffe importer
 * and compared again; `fix --target nnie` from the same inputs writes nets that re-check READY for nnie.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { CORPUS } from '../../helpers/paths.js';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ } from '../../helpers/prerequisites.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { runCli } from '../../helpers/cli.js';
import { exportAndCompare, exportDir, readBackDiffs } from './caffe-export-run.js';

const TOLERANCE = 1e-4;
const withBoth = needing(test, OPENCV, CORPUS_PREREQ);

const CASES = [
  { file: 'tflite/palm_detection_lite.tflite', note: 'NHWC boundaries, PReLU, two outputs' },
  { file: 'tflite/selfie_segmentation.tflite', note: 'channel-last squeeze-excitation: Reshape + Scale axis 3' },
  { file: 'caffe/mtcnn_det1.prototxt', note: 'Caffe → Caffe, PReLU, two outputs' },
];

const load = (file: string) => {
  const path = join(CORPUS, file);
  const m = file.endsWith('.tflite') ? readTfliteModel(path) : readCaffe(path);
  inferShapes(m);
  return m;
};

for (const c of CASES)
  withBoth(`${c.file} (${c.note}): Caffe export matches in OpenCV dnn and reads back`, async () => {
    const name = c.file.replace(/\W+/g, '-');
    const r = await exportAndCompare(load(c.file), `corpus-${name}`);
    if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
    for (const [value, d] of r.diffs) assert.ok(d.maxRel <= TOLERANCE, `${value}: max rel ${d.maxRel} (OpenCV)`);
    if (c.file.includes('selfie'))
      assert.ok(
        r.net.layers.some((l) => l.type === 'Scale' && l.bottoms.length === 2 && l.params.scale_param),
        'a two-bottom Scale is written',
      );
    for (const [value, d] of await readBackDiffs(r))
      assert.ok(d.maxRel <= TOLERANCE, `${value}: max rel ${d.maxRel} (read back)`);
  });

for (const file of ['tflite/palm_detection_lite.tflite', 'caffe/mtcnn_det1.prototxt'])
  needing(test, CORPUS_PREREQ)(`${file}: fix --target nnie writes Caffe that re-checks READY for nnie`, () => {
    const out = join(exportDir, 'nnie-corpus', `${file.replace(/\W+/g, '-')}.prototxt`);
    const r = runCli(['fix', join(CORPUS, file), '--target', 'nnie', '-o', out]);
    assert.is(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /nnie: \d segment\(s\)/);
    const check = runCli([out, '--target', 'nnie']);
    assert.is(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /READY/);
  });

test.run();
