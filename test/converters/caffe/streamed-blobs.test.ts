/**
 * The .caffemodel writer computes each weight blob (read from the model file, transposed, scaled) when it
 * reaches it, into buffers reused from one blob to the next. Every blob read back from the written file must
 * equal that blob computed on its own into fresh memory, for weights still in the model file (graph-only
 * reading) and for a model held in memory, with weights that shrink and grow in turn.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnxFromBytes, readOnnx } from '../../../converters/onnx/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { writeCaffeFiles } from '../../../converters/caffe/export/index.js';
import { prepareCaffe } from '../../../src/cli/export-pipeline/caffe.js';
import { readCaffemodel } from '../../../converters/caffe/caffemodel-reader.js';
import { parseModelText } from '../../../src/ir/text.js';
import { tensorToFloat32 } from '../../../src/ir/typed-data.js';
import { inferShapes } from '../../../src/shape/infer.js';
import type { Model } from '../../../src/ir/model.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-caffe-streamed-'));

/** Weights of 73 KB (Conv), 77 KB (Gemm, transposed and scaled), 720 KB (Gemm transB, scaled), 48 KB (MatMul). */
const MIXED = `
opset 13
input x: float32[1,32,8,8]
const w1: float32[64,32,3,3] = random(1)
const b1: float32[64] = random(2)
y1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1, b1)
y2 = GlobalAveragePool(y1)
y3 = Flatten(y2)
const wg: float32[64,300] = random(3)
y4 = Gemm<alpha=0.5>(y3, wg)
const wt: float32[600,300] = random(4)
y5 = Gemm<transB=1, alpha=2.0>(y4, wt)
const wm: float32[600,20] = random(5)
y6 = MatMul(y5, wm)
output y6
`;

function readings(): [string, Model][] {
  const bytes = toOnnxBytes(parseModelText(MIXED));
  const path = join(dir, 'mixed.onnx');
  writeFileSync(path, bytes);
  return [
    ['weights in the file', readOnnx(path)],
    ['weights in memory', onnxFromBytes(bytes, path, dir)],
  ];
}

test('written blobs equal each blob computed on its own', () => {
  for (const [how, model] of readings()) {
    inferShapes(model);
    const { net } = prepareCaffe(model, 'caffe');
    const base = join(dir, how.replace(/ /g, '-'));
    writeCaffeFiles(net, base, []);
    const written = readCaffemodel(readFileSync(`${base}.caffemodel`), `${base}.caffemodel`);
    let blobs = 0;
    for (const l of net.layers)
      l.blobs.forEach((b, i) => {
        const got = written.get(l.name)?.[i];
        assert.ok(got, `${how}: layer ${l.name} blob ${i} not written`);
        assert.equal(got.dims, b.dims, `${how}: ${l.name} blob ${i} dims`);
        const want = Buffer.from(Float32Array.from(b.data).buffer);
        const values = tensorToFloat32(got.tensor);
        assert.ok(
          Buffer.from(values.buffer, values.byteOffset, values.byteLength).equals(want),
          `${how}: ${l.name} blob ${i} differs`,
        );
        blobs++;
      });
    assert.ok(blobs >= 5, `${how}: ${blobs} blobs written`);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
