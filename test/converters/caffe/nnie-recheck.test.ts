/**
 * The re-check after an NNIE export: `fix --target nnie -o model.prototxt` writes squeeze-excitation products as
 * two-bottom Scale layers and Add/Sub/Mul/Max/Sum as Eltwise variants (SUM with coefficients, PROD, MAX); the Caffe
 * importer reads each back as the op it computes, so the written files check READY for nnie with no error, and the
 * read-back net equals the original in onnxruntime. SE-ResNet and YOLO-style blocks are built here; EfficientNet
 * (SE + SiLU) and MobileNetV3 (SE + HardSigmoid) come from samples/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../../../src/ir/model.js';
import { parseModelText } from '../../../src/ir/text.js';
import { checkModel } from '../../../src/check/engine.js';
import { prepareModel } from '../../../src/cli/prepare-model.js';
import { writeFixedCaffe } from '../../../src/cli/export-pipeline/caffe-for-target.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { readOnnx } from '../../../converters/onnx/import.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { sample } from '../../helpers/samples.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';
import { exportDir } from './caffe-export-run.js';

const SE_RESNET = `opset 13
input x: float32[1,8,12,12]
const w: float32[8,8,3,3] = random(1)
const g: float32[8] = random(2)
const b: float32[8] = random(3)
const mu: float32[8] = random(4)
const var: float32[8] = fill(0.8)
c = Conv<pads=[1,1,1,1]>(x, w)
n = BatchNormalization(c, g, b, mu, var)
r = Relu(n)
p = GlobalAveragePool(r)
const w1: float32[2,8,1,1] = random(5)
const b1: float32[2] = random(6)
f1 = Conv(p, w1, b1)
a1 = Relu(f1)
const w2: float32[8,2,1,1] = random(7)
const b2: float32[8] = random(8)
f2 = Conv(a1, w2, b2)
s = Sigmoid(f2)
e = Mul(r, s)
y = Add(e, x)
z = Relu(y)
output z`;

const YOLO_STYLE = `opset 13
input x: float32[1,4,8,8]
const w: float32[8,4,3,3] = random(11)
c = Conv<pads=[1,1,1,1], strides=[2,2]>(x, w)
sg = Sigmoid(c)
act = Mul(c, sg)
const su: float32[4] = [1,1,2,2]
up = Resize<mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor">(act, , su)
const w2: float32[8,4,1,1] = random(12)
lat = Conv(x, w2)
cat = Concat<axis=1>(up, lat)
const w3: float32[8,16,1,1] = random(13)
h = Conv(cat, w3)
hs = Sigmoid(h)
d = Sub(h, hs)
m = Max(d, hs)
t = Sum(m, h, hs)
output t`;

interface Recheck {
  prototxt: string;
  back: Model;
}

function exportForNnie(model: Model, name: string): Recheck {
  const out = join(exportDir, 'nnie-recheck', `${name}.prototxt`);
  const { files } = writeFixedCaffe(model, out, 'nnie', []);
  const back = readCaffe(files[0]!);
  return { prototxt: readFileSync(files[0]!, 'utf8'), back };
}

function assertReady(back: Model, name: string): void {
  const result = checkModel(prepareModel(back), ['nnie'])[0]!;
  const errors = result.findings.filter((f) => f.level === 'error').map((f) => `${f.ruleId}: ${f.message}`);
  assert.equal(errors, [], `${name}: errors on re-check`);
  assert.is(result.verdict, 'ready', `${name}: ${result.verdict}`);
}

async function assertReadBackEqual(original: Uint8Array, back: Model, input: string, dims: number[]): Promise<void> {
  const feeds = { [input]: randomInput(dims, 9) };
  const expected = await runOrt(original, feeds);
  const again = await runOrt(back, feeds);
  const [name, want] = Object.entries(expected)[0]!;
  const got = again[name] ?? Object.values(again)[0]!;
  const d = compare(got.data, want.data);
  assert.ok(d.maxRel <= 1e-5, `${name}: read back max rel ${d.maxRel}`);
}

test('SE-ResNet block: two-bottom Scale read back as the channel Mul, READY for nnie, equal in onnxruntime', async () => {
  const m = prepareModel(parseModelText(SE_RESNET));
  const original = toOnnxBytes(m);
  const { prototxt, back } = exportForNnie(m, 'se-resnet');
  assert.match(prototxt, /type: "Scale"\n\s*bottom: "r"\n\s*bottom: "[^"]+"\n/);
  assert.match(prototxt, /operation: SUM/);
  assertReady(back, 'se-resnet');
  await assertReadBackEqual(original, back, 'x', [1, 8, 12, 12]);
});

test('YOLO-style block: SiLU PROD, Upsample, Concat, Sub (SUM with coefficients), MAX, 3-input SUM re-check READY', async () => {
  const m = prepareModel(parseModelText(YOLO_STYLE));
  const original = toOnnxBytes(m);
  const { prototxt, back } = exportForNnie(m, 'yolo-style');
  for (const want of [/operation: PROD/, /operation: MAX/, /coeff: -1/, /type: "Upsample"/, /type: "Concat"/])
    assert.match(prototxt, want);
  assertReady(back, 'yolo-style');
  await assertReadBackEqual(original, back, 'x', [1, 4, 8, 8]);
});

for (const name of ['efficientnet-op13', 'mobilenet_v3_small-op13'])
  test(`${name} (squeeze-excitation): the NNIE export re-checks READY and reads back equal`, async () => {
    const m = prepareModel(readOnnx(sample(name).path));
    const input = m.graph.inputs.find((v) => !v.data)!;
    const dims = input.shape as number[];
    const original = toOnnxBytes(m);
    const { prototxt, back } = exportForNnie(m, name);
    assert.match(prototxt, /type: "Scale"\n\s*bottom: "[^"]+"\n\s*bottom: "[^"]+"\n/);
    assertReady(back, name);
    await assertReadBackEqual(original, back, input.name, dims);
  });

test.run();
