/**
 * Graph-only .caffemodel reading: the decoder walks the file by positioned reads and leaves blob data past
 * 4 KiB in it, so an audit of LeNet (1.7 MB of weights) reads a few kilobytes; the corpus test proves the
 * values read on use (onnxruntime against Caffe's own outputs).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { FileWindow } from '../../../converters/onnx/wire/byte-window.js';
import { readCaffemodel } from '../../../converters/caffe/caffemodel-reader.js';
import { loadModel } from '../../../converters/index.js';

const prototxt = join(ROOT, 'samples', 'caffe', 'lenet.prototxt');
const caffemodel = join(ROOT, 'samples', 'caffe', 'lenet.caffemodel');

test('reading the blobs of lenet.caffemodel reads under 5% of the file; large blobs are handles', () => {
  const win = new FileWindow(caffemodel);
  const blobs = readCaffemodel(win, caffemodel);
  win.close();
  const size = statSync(caffemodel).size;
  assert.ok(win.bytesRead < size / 20, `read ${win.bytesRead} of ${size} bytes`);
  assert.equal([...blobs.keys()], ['conv1', 'conv2', 'ip1', 'ip2']);
  assert.equal(blobs.get('ip1')![0]!.dims, [500, 800]);
  assert.ok(blobs.get('ip1')![0]!.tensor.isHandle, 'ip1 weights stay in the file');
  assert.not.ok(blobs.get('conv1')![1]!.tensor.isHandle, 'a 20-value bias is read');
});

test('the imported net keeps its large weights as handles', () => {
  const model = loadModel(prototxt, { weights: 'lazy' });
  const weights = [...model.graph.values.values()].filter((v) => v.data && v.data.byteLength > 4096);
  assert.ok(weights.length >= 3, `${weights.length} large weights`);
  for (const v of weights) assert.ok(v.data!.isHandle, `${v.name} is a handle`);
});

test.run();
