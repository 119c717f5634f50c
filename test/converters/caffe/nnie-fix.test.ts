/**
 * `fix --target nnie -o model.prototxt`: nnie_mapper's conventions (Upsample extension layer, `_cpu` layers
 * listed with why, ≤ 8 segments), the written net matches onnxruntime in OpenCV dnn and is clean for nnie
 * when read back; the Upsample layer (which OpenCV lacks) is checked through the Caffe importer's own
 * reading of it (nearest, ⌊i/f⌋) in onnxruntime.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { writeCaffeFiles } from '../../../converters/caffe/export/index.js';
import { prepareCaffe } from '../../../src/cli/export-pipeline/caffe.js';
import { sample } from '../../helpers/samples.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV, runOpenCvCaffe } from '../../helpers/opencv-dnn.js';
import { runCli } from '../../helpers/cli.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';
import { exportDir } from './caffe-export-run.js';

const withOpenCv = needing(test, OPENCV);

withOpenCv('resnet18: fix --target nnie writes Caffe that matches in OpenCV and checks clean for nnie', async () => {
  const out = join(exportDir, 'nnie', 'resnet18.prototxt');
  const r = runCli(['fix', sample('resnet18').path, '--target', 'nnie', '-o', out]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /nnie: 1 segment\(s\), 0 layer\(s\) on the CPU/);
  const x = randomInput([1, 3, 64, 64], 5);
  const expected = await runOrt(readFileSync(sample('resnet18').path), { input: x });
  const got = runOpenCvCaffe(out, out.replace('.prototxt', '.caffemodel'), {
    input: { dims: x.dims, data: x.data as Float32Array },
  });
  const [only] = Object.values(got);
  const d = compare(only!.data, Object.values(expected)[0]!.data);
  assert.ok(d.maxRel <= 1e-4, `max rel ${d.maxRel}`);
  const check = runCli([out, '--target', 'nnie']);
  assert.is(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /READY/);
});

test('yolo-op13: fix --target nnie puts the 5-D decode head on the CPU, 2 segments, Upsample ×2', () => {
  const out = join(exportDir, 'nnie', 'yolo.prototxt');
  const r = runCli(['fix', sample('yolo-op13').path, '--target', 'nnie', '-o', out]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /nnie: 2 segment\(s\)/);
  assert.match(
    r.stdout,
    /\/Reshape_cpu \(Reshape\): writes \/Reshape_output_0 of rank 5: NNIE blobs are 4-D \[nnie\/model-rank\]/,
  );
  assert.match(r.stdout, /\/Transpose_cpu \(Permute\): .*\[nnie\/Transpose-rank\]/);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /type: "Upsample"\n[^}]*upsample_param \{\n\s*scale: 2/);
  assert.match(text, /# runs on the CPU: \/Reshape_cpu \(Reshape\)/);
  // the backbone stays on NNIE: no Convolution is marked _cpu
  assert.not.match(text, /name: "[^"]*_cpu"\n\s*type: "Convolution"/);
  // re-checked for nnie, the _cpu layers are the toolchain's CPU operators (info), not blockers
  const check = runCli([out, '--target', 'nnie']);
  assert.is(check.code, 0, check.stdout + check.stderr);
  assert.match(check.stdout, /READY/);
  assert.match(check.stdout, /info\s+nnie\/Transpose-rank/);
  assert.match(check.stdout, /name ends in _cpu, so the toolchain runs it on the CPU/);
  // the same layers without the suffix are blockers
  const plain = join(exportDir, 'nnie', 'yolo-plain.prototxt');
  writeFileSync(plain, text.replace(/_cpu"/g, '"'));
  copyFileSync(out.replace('.prototxt', '.caffemodel'), plain.replace('.prototxt', '.caffemodel'));
  const blocked = runCli([plain, '--target', 'nnie']);
  assert.match(blocked.stdout, /BLOCKED/);
  assert.match(blocked.stdout, /error\s+nnie\/model-rank/);
});

test('NNIE Upsample: nearest ×2 read back by the Caffe importer equals the original Resize in onnxruntime', async () => {
  const m = parseModelText(
    'opset 13\ninput x: float32[1,3,5,4]\nconst s: float32[4] = [1,1,2,2]\ny = Resize<mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor">(x, , s)\nz = Relu(y)\noutput z: float32[1,3,10,8]',
  );
  inferShapes(m);
  const original = toOnnxBytes(m);
  const { net } = prepareCaffe(m, 'nnie');
  assert.equal(
    net.layers.map((l) => l.type),
    ['Input', 'Upsample', 'ReLU'],
  );
  const [prototxt] = writeCaffeFiles(net, join(exportDir, 'nnie', 'upsample.prototxt'), []);
  const x = randomInput([1, 3, 5, 4], 7);
  const expected = await runOrt(original, { x });
  const back = await runOrt(readCaffe(prototxt!), { x });
  assert.is(compare(back.z!.data, expected.z!.data).maxAbs, 0);
});

test.run();
