/**
 * Caffe export from the other importers: TFLite samples (NHWC boundaries, channel Pad, PReLU) and a Caffe
 * sample (Caffe → Caffe), run in OpenCV dnn against onnxruntime on the imported model; the CLI writes both
 * files atomically and nothing when it refuses.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { sample } from '../../helpers/samples.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { runCli } from '../../helpers/cli.js';
import { exportAndCompare, exportDir } from './caffe-export-run.js';

const withOpenCv = needing(test, OPENCV);
const TOLERANCE = 1e-4;

const CASES: { name: string; load: () => ReturnType<typeof readCaffe> }[] = [
  { name: 'face_detection_short_range', load: () => readTfliteModel(sample('tflite-face_detection_short_range').path) },
  { name: 'hand_recrop', load: () => readTfliteModel(sample('tflite-hand_recrop').path) },
  { name: 'lenet', load: () => readCaffe(sample('caffe-lenet').path) },
];

for (const c of CASES)
  withOpenCv(`${c.name}: Caffe export matches onnxruntime on the imported model in OpenCV dnn`, async () => {
    const m = c.load();
    inferShapes(m);
    const r = await exportAndCompare(m, `formats-${c.name}`);
    if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
    assert.ok(r.diffs.size >= 1);
    for (const [name, d] of r.diffs) assert.ok(d.maxRel <= TOLERANCE, `${name}: max rel ${d.maxRel}`);
  });

test('convert --to caffe writes prototxt + caffemodel; a refused model writes nothing and exits 1', () => {
  const ok = runCli([
    'convert',
    sample('resnet18').path,
    '--to',
    'caffe',
    '-o',
    join(exportDir, 'cli', 'resnet18.prototxt'),
  ]);
  assert.is(ok.code, 0, ok.stderr);
  assert.ok(existsSync(join(exportDir, 'cli', 'resnet18.prototxt')));
  assert.ok(existsSync(join(exportDir, 'cli', 'resnet18.caffemodel')));
  const refused = runCli([
    'convert',
    sample('lstm').path,
    '--to',
    'caffe',
    '-o',
    join(exportDir, 'cli', 'lstm.prototxt'),
  ]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /LSTM/);
  assert.not.ok(existsSync(join(exportDir, 'cli', 'lstm.prototxt')));
  assert.not.ok(existsSync(join(exportDir, 'cli', 'lstm.caffemodel')));
});

test.run();
