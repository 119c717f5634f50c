/**
 * Half-pixel bilinear Resize (ONNX linear, PyTorch align_corners=False) written as edge-replicated border +
 * bilinear Deconvolution: OpenCV dnn equals onnxruntime at integer factors, also on 1- and 2-pixel inputs
 * (the border cases of the edge replication), and a fractional factor is refused with the reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { exportAndCompare } from './caffe-export-run.js';

const withOpenCv = needing(test, OPENCV);

const resize = (h: number, w: number, fh: number, fw: number, coord = 'half_pixel'): string => `opset 13
input x: float32[1,3,${h},${w}]
const roi: float32[0] = []
const scales: float32[4] = [1.0,1.0,${fh.toFixed(1)},${fw.toFixed(1)}]
r = Resize<mode="linear", coordinate_transformation_mode="${coord}">(x, roi, scales)
y = Relu(r)
output y`;

const CASES = [
  { name: '×2 on 7×5', text: resize(7, 5, 2, 2) },
  { name: '×3 on 4×6', text: resize(4, 6, 3, 3) },
  { name: '×2 × ×4 on 5×3', text: resize(5, 3, 2, 4) },
  { name: '×8 on 2×2 (lraspp-style)', text: resize(2, 2, 8, 8) },
  { name: '×2 on 1×1', text: resize(1, 1, 2, 2) },
  { name: '×2 pytorch_half_pixel on 6×6', text: resize(6, 6, 2, 2, 'pytorch_half_pixel') },
];

for (const c of CASES)
  withOpenCv(`half-pixel bilinear ${c.name}: OpenCV equals onnxruntime`, async () => {
    const m = parseModelText(c.text);
    inferShapes(m);
    const r = await exportAndCompare(m, `resize-${c.name.replace(/\W+/g, '-')}`);
    if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
    assert.ok(r.net.layers.some((l) => l.type === 'Deconvolution'));
    for (const [name, d] of r.diffs) assert.ok(d.maxAbs <= 1e-6, `${name}: max abs ${d.maxAbs}`);
  });

test('half-pixel bilinear by 1.5 is refused with the reason', async () => {
  const m = parseModelText(resize(4, 4, 1.5, 1.5));
  inferShapes(m);
  const r = await exportAndCompare(m, 'resize-refused');
  assert.not.ok(r.written);
  if (!r.written) assert.match(r.blockers.join(' '), /only integer factors/);
});

test.run();
