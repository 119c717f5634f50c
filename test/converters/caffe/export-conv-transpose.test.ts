/**
 * Transposed convolutions as PyTorch exports them (nn.ConvTranspose2d(k=3, s=2, padding=1, output_padding=1),
 * the UNet up-sampling block): Caffe's Deconvolution cuts `pad` on both sides, so the writer cuts the smaller of
 * pads_begin and pads_end − output_padding and crops the rest; OpenCV dnn equals onnxruntime. An output_padding
 * past the full output (pads_end 0) is refused with the reason. A graph output that is the kept part of a crop
 * (a Slice's second top) gets an identity Split layer of its own, so it can be fetched by layer name.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { exportAndCompare } from './caffe-export-run.js';

const withOpenCv = needing(test, OPENCV);

const deconv = (attrs: string, out: number): string => `opset 13
input x: float32[1,4,7,7]
const w: float32[4,3,3,3] = random(3)
const b: float32[3] = random(4)
d = ConvTranspose<kernel_shape=[3,3], strides=[2,2], ${attrs}>(x, w, b)
y = Relu(d)
output y: float32[1,3,${out},${out}]`;

const CASES = [
  { name: 'pads 1, output_padding 1 (14 from 7)', text: deconv('pads=[1,1,1,1], output_padding=[1,1]', 14) },
  { name: 'pads [0,0,2,2], output_padding 1', text: deconv('pads=[0,0,2,2], output_padding=[1,1]', 14) },
  { name: 'pads 1 (13 from 7)', text: deconv('pads=[1,1,1,1]', 13) },
  {
    // the kept part of the crop is a Slice's second top: the writer gives the graph output a layer of its own
    name: 'pads 1, output_padding 1, as the graph output',
    text: deconv('pads=[1,1,1,1], output_padding=[1,1]', 14)
      .replace('y = Relu(d)\n', '')
      .replace('d = ConvTranspose', 'y = ConvTranspose'),
  },
];

for (const c of CASES)
  withOpenCv(`ConvTranspose ${c.name}: OpenCV equals onnxruntime`, async () => {
    const m = parseModelText(c.text);
    inferShapes(m);
    const r = await exportAndCompare(m, `deconv-${c.name.replace(/\W+/g, '-')}`);
    if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
    for (const [name, d] of r.diffs) assert.ok(d.maxAbs <= 1e-5, `${name}: max abs ${d.maxAbs}`);
  });

test('ConvTranspose with output_padding past the full output is refused with the reason', async () => {
  const m = parseModelText(deconv('output_padding=[1,1]', 16));
  inferShapes(m);
  const r = await exportAndCompare(m, 'deconv-refused');
  assert.not.ok(r.written);
  if (!r.written) assert.match(r.blockers.join(' '), /output_padding 1 reaches past the full output/);
});

test.run();
