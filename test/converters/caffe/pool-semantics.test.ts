/**
 * Caffe pooling rounds up and drops a last window that starts in the padding: ONNX pools in floor mode, in
 * ceil mode and with asymmetric pads are written so that OpenCV dnn (Caffe semantics) gives onnxruntime's
 * shapes and values, and an average pool whose divisor Caffe cannot reproduce is refused with the reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { exportAndCompare } from './caffe-export-run.js';

const withOpenCv = needing(test, OPENCV);

const pool = (op: string, attrs: string, size: number, out: number): string =>
  `opset 13\ninput x: float32[1,2,${size},${size}]\ny = ${op}<${attrs}>(x)\nz = Relu(y)\noutput z: float32[1,2,${out},${out}]`;

const CASES = [
  {
    name: 'max 3/2 pad 1 floor on 8 (Caffe would give 5)',
    graph: pool('MaxPool', 'kernel_shape=[3,3], strides=[2,2], pads=[1,1,1,1]', 8, 4),
  },
  {
    name: 'max 3/2 ceil on 8 (Caffe native)',
    graph: pool('MaxPool', 'kernel_shape=[3,3], strides=[2,2], ceil_mode=1', 8, 4),
  },
  {
    name: 'max 2/2 asymmetric pads [0,0,1,1] on 7',
    graph: pool('MaxPool', 'kernel_shape=[2,2], strides=[2,2], pads=[0,0,1,1]', 7, 4),
  },
  {
    name: 'max 3/1 pads [2,2,0,0] on 6',
    graph: pool('MaxPool', 'kernel_shape=[3,3], strides=[1,1], pads=[2,2,0,0]', 6, 6),
  },
  {
    name: 'average 3/2 pad 1 count_include_pad on 9',
    graph: pool('AveragePool', 'kernel_shape=[3,3], strides=[2,2], pads=[1,1,1,1], count_include_pad=1', 9, 5),
  },
  {
    name: 'average 2/2 floor on 7 (Caffe would give 4)',
    graph: pool('AveragePool', 'kernel_shape=[2,2], strides=[2,2]', 7, 3),
  },
];

for (const c of CASES)
  withOpenCv(`pooling ${c.name}: OpenCV equals onnxruntime`, async () => {
    const m = parseModelText(c.graph);
    inferShapes(m);
    const r = await exportAndCompare(m, `pool-${c.name.replace(/\W+/g, '-')}`);
    if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
    for (const [name, d] of r.diffs) assert.ok(d.maxAbs <= 1e-6, `${name}: max abs ${d.maxAbs}`);
  });

test('average pool with padding and count_include_pad = 0 is refused with the reason', async () => {
  const m = parseModelText(pool('AveragePool', 'kernel_shape=[3,3], strides=[2,2], pads=[1,1,1,1]', 8, 4));
  inferShapes(m);
  const r = await exportAndCompare(m, 'pool-refused');
  assert.not.ok(r.written);
  if (!r.written)
    assert.match(r.blockers.join(' '), /count_include_pad = 0: Caffe's divisor counts the padding differently/);
});

test.run();
