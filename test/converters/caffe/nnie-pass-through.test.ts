/**
 * YOLOv2's passthrough route for NNIE: SpaceToDepth is written as the PassThrough extension layer
 * (`pass_through_param { block_height block_width }`), the Caffe importer reads that layer back as SpaceToDepth
 * (checked against an independent reference in the conformance suite), so the read-back net equals the original in
 * onnxruntime and re-checks READY for nnie. Plain Caffe keeps the exact one-hot Convolution OpenCV runs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseModelText } from '../../../src/ir/text.js';
import { checkModel } from '../../../src/check/engine.js';
import { prepareModel } from '../../../src/cli/prepare-model.js';
import { writeFixedCaffe } from '../../../src/cli/export-pipeline/caffe-for-target.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { prepareCaffe } from '../../../src/cli/export-pipeline/caffe.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';
import { exportDir } from './caffe-export-run.js';

const YOLOV2_ROUTE = `opset 13
input x: float32[1,3,16,16]
const w1: float32[8,3,3,3] = random(1)
a = Conv<pads=[1,1,1,1]>(x, w1)
r = LeakyRelu<alpha=0.1>(a)
const w2: float32[16,8,3,3] = random(2)
b = Conv<pads=[1,1,1,1], strides=[2,2]>(r, w2)
s = SpaceToDepth<blocksize=2>(r)
c = Concat<axis=1>(s, b)
const w3: float32[6,48,1,1] = random(3)
y = Conv(c, w3)
output y`;

test('nnie: SpaceToDepth becomes PassThrough, reads back equal in onnxruntime, re-checks READY', async () => {
  const m = prepareModel(parseModelText(YOLOV2_ROUTE));
  const original = toOnnxBytes(m);
  const out = join(exportDir, 'nnie', 'yolov2-route.prototxt');
  const { files, lines } = writeFixedCaffe(m, out, 'nnie', []);
  const text = readFileSync(files[0]!, 'utf8');
  assert.match(
    text,
    /type: "PassThrough"\n\s*bottom: "r"\n\s*top: "s"\n\s*pass_through_param \{\n\s*num_output: 32\n\s*block_height: 2\n\s*block_width: 2/,
  );
  assert.match(lines.join('\n'), /0 layer\(s\) on the CPU/);
  const back = prepareModel(readCaffe(files[0]!));
  assert.ok(back.graph.nodes.some((n) => n.op === 'SpaceToDepth' && n.origin?.type === 'PassThrough'));
  const x = { x: randomInput([1, 3, 16, 16], 4) };
  const [want, got] = [await runOrt(original, x), await runOrt(back, x)];
  const d = compare(got.y!.data, want.y!.data);
  assert.ok(d.maxRel <= 1e-5, `read back max rel ${d.maxRel}`);
  const check = checkModel(back, ['nnie'])[0]!;
  assert.equal(
    check.findings.filter((f) => f.level === 'error').map((f) => f.ruleId),
    [],
  );
  assert.is(check.verdict, 'ready');
});

test('nnie: the written-out reorg (Reshape 6-D, Transpose, Reshape) is fused and written as PassThrough, no CPU layer', async () => {
  const text = YOLOV2_ROUTE.replace(
    's = SpaceToDepth<blocksize=2>(r)',
    'const s6: int64[6] = [1,8,8,2,8,2]\nr6 = Reshape(r, s6)\nt6 = Transpose<perm=[0,3,5,1,2,4]>(r6)\nconst s4: int64[4] = [1,32,8,8]\ns = Reshape(t6, s4)',
  );
  const m = prepareModel(parseModelText(text));
  const original = toOnnxBytes(m);
  const { files, lines } = writeFixedCaffe(m, join(exportDir, 'nnie', 'yolov2-reorg.prototxt'), 'nnie', []);
  assert.match(lines.join('\n'), /fuse-space-to-depth × 1/);
  assert.match(lines.join('\n'), /0 layer\(s\) on the CPU/);
  assert.match(readFileSync(files[0]!, 'utf8'), /type: "PassThrough"/);
  const back = prepareModel(readCaffe(files[0]!));
  const x = { x: randomInput([1, 3, 16, 16], 6) };
  const d = compare((await runOrt(back, x)).y!.data, (await runOrt(original, x)).y!.data);
  assert.ok(d.maxRel <= 1e-5, `read back max rel ${d.maxRel}`);
});

test('plain Caffe keeps SpaceToDepth as the one-hot Convolution (no PassThrough outside NNIE)', () => {
  const m = prepareModel(parseModelText(YOLOV2_ROUTE));
  const { net } = prepareCaffe(m, 'caffe');
  assert.not.ok(net.layers.some((l) => l.type === 'PassThrough'));
  assert.is(net.layers.find((l) => l.tops.includes('s'))?.type, 'Convolution');
});

test('a PassThrough of a YOLOv2 port (reorg_param) stays foreign: its channel order is the port’s', () => {
  const dir = join(exportDir, 'nnie');
  const path = join(dir, 'port-reorg.prototxt');
  const net = `name: "port"
layer { name: "x" type: "Input" top: "x" input_param { shape { dim: 1 dim: 4 dim: 8 dim: 8 } } }
layer { name: "reorg" type: "PassThrough" bottom: "x" top: "reorg" reorg_param { stride: 2 } }`;
  writeNet(path, net);
  const m = prepareModel(readCaffe(path));
  const node = m.graph.nodes.find((n) => n.name === 'reorg')!;
  assert.is(node.domain, 'caffe');
  assert.equal(node.outputs[0]!.shape, [1, 16, 4, 4]);
});

function writeNet(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

test.run();
