/**
 * The .bin writer reads every weight into buffers it reuses from one weight to the next (no fresh buffer per
 * tensor). Its bytes must equal those of each weight computed on its own into fresh memory (the weight's `data`),
 * written as ncnn's model-file layout says (a 4-byte storage tag before tagged weights, float16 padded to 4
 * bytes): for weights still in the file (graph-only reading) and for a model held in memory, fp32 and fp16, on a
 * model whose weights shrink and grow in turn (fused Conv+BN, grouped deconvolution, a MemoryData constant, Gemm
 * with and without transB, MatMul) and on sample networks. The ONNX writer's reused buffer is held to the
 * one-buffer encoding the same way.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnxFromBytes, readOnnx } from '../../../converters/onnx/import.js';
import { toOnnxBytes, writeOnnx } from '../../../converters/onnx/export.js';
import { toNcnnLayers, writeNcnn } from '../../../converters/ncnn/export.js';
import { binChunks } from '../../../converters/ncnn/write-files.js';
import { ncnnTable } from '../../../converters/ncnn/ncnn-table.js';
import type { NcnnLayer } from '../../../converters/ncnn/ncnn-layer.js';
import { parseModelText } from '../../../src/ir/text.js';
import { prepareForNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { floatToHalf } from '../../../src/ir/typed-data.js';
import { inferShapes } from '../../../src/shape/infer.js';
import type { Model } from '../../../src/ir/model.js';
import { samples } from '../../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-streamed-'));

/** Weight sizes 73 KB, 16 KB, 131 KB, 77 KB, 720 KB, 48 KB: the reused buffers grow, then serve smaller ones. */
const MIXED = `
opset 13
input x: float32[1,32,16,16]
const w1: float32[64,32,3,3] = random(1)
const b1: float32[64] = random(2)
const gamma: float32[64] = random(3)
const beta: float32[64] = random(4)
const mean: float32[64] = random(5)
const var: float32[64] = fill(0.5)
y1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1, b1)
y2 = BatchNormalization<epsilon=1e-5>(y1, gamma, beta, mean, var)
const wd: float32[64,16,2,2] = random(6)
y3 = ConvTranspose<kernel_shape=[2,2], strides=[2,2], group=2>(y2, wd)
const c: float32[1,32,32,32] = random(7)
y4 = Add(y3, c)
y5 = GlobalAveragePool(y4)
y6 = Flatten(y5)
const wg: float32[32,600] = random(8)
y7 = Gemm(y6, wg)
const wt: float32[300,600] = random(9)
y8 = Gemm<transB=1>(y7, wt)
const wm: float32[300,40] = random(10)
y9 = MatMul(y8, wm)
output y9
`;

/** The .bin bytes from each weight's values computed on their own (fresh memory per weight). */
function expectedBin(layers: NcnnLayer[], fp16: boolean): Uint8Array {
  const tags = ncnnTable().weightTags;
  const parts: Uint8Array[] = [];
  const tag = (t: number): Uint8Array => new Uint8Array(new Uint32Array([t]).buffer);
  for (const l of layers)
    for (const w of l.weights) {
      const data = Float32Array.from(w.data);
      if (w.tagged && fp16) {
        parts.push(tag(tags.float16!));
        const halves = new Uint16Array(Math.ceil(data.length / 2) * 2);
        data.forEach((x, i) => (halves[i] = floatToHalf(x)));
        parts.push(new Uint8Array(halves.buffer));
        continue;
      }
      if (w.tagged) parts.push(tag(tags.float32!));
      parts.push(new Uint8Array(data.buffer));
    }
  return Buffer.concat(parts);
}

/** What the writer streams, each chunk copied as it comes (a chunk is valid only until the next is asked for). */
function streamedBin(layers: NcnnLayer[], fp16: boolean): Uint8Array {
  const copies: Buffer[] = [];
  for (const chunk of binChunks(layers, { fp16 })) copies.push(Buffer.from(chunk));
  return Buffer.concat(copies);
}

/** The model as a file read graph-only (weights stay in the file) and as bytes held in memory. */
function bothReadings(model: Model, name: string): [string, Model][] {
  const bytes = toOnnxBytes(model);
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, bytes);
  return [
    ['weights in the file', readOnnx(path)],
    ['weights in memory', onnxFromBytes(bytes, path, dir)],
  ];
}

function checkBins(model: Model, name: string): void {
  for (const [how, m] of bothReadings(model, name)) {
    inferShapes(m);
    const { layers } = toNcnnLayers(prepareForNcnn(m).model); // the layers convert --to ncnn writes
    for (const fp16 of [false, true]) {
      const want = expectedBin(layers, fp16);
      const got = streamedBin(layers, fp16);
      assert.ok(want.byteLength > 0, `${name}: no weights`);
      assert.ok(Buffer.from(got).equals(want), `${name}, ${how}, ${fp16 ? 'fp16' : 'fp32'}: .bin differs`);
    }
  }
}

test('mixed weight sizes: streamed .bin equals each weight computed on its own, fp32 and fp16', () => {
  const model = parseModelText(MIXED);
  inferShapes(model);
  checkBins(model, 'mixed');
});

test('mixed weight sizes: writeNcnn writes the same .bin from the file and from memory', () => {
  const [[, fromFile], [, inMemory]] = bothReadings(parseModelText(MIXED), 'mixed-write') as [
    [string, Model],
    [string, Model],
  ];
  const written = [fromFile, inMemory].map((m, i) => {
    inferShapes(m);
    const base = join(dir, `written-${i}`);
    writeNcnn(m, base, { protect: [] });
    return [readFileSync(`${base}.param`), readFileSync(`${base}.bin`)];
  });
  assert.ok(written[0]![0]!.equals(written[1]![0]!), '.param differs');
  assert.ok(written[0]![1]!.equals(written[1]![1]!), '.bin differs');
  const { layers } = toNcnnLayers(inMemory);
  assert.ok(written[0]![1]!.equals(expectedBin(layers, false)), '.bin differs from the weights computed alone');
});

for (const s of samples((x) => ['resnet18', 'unet', 'vit-op17', 'mobilenet_v2'].includes(x.name)))
  test(`${s.name}: streamed .bin equals each weight computed on its own`, () => {
    const m = readOnnx(s.path);
    inferShapes(m);
    checkBins(m, s.name);
  });

test('ONNX writer: tensors streamed through one reused buffer equal the one-buffer encoding', () => {
  const [[, fromFile]] = bothReadings(parseModelText(MIXED), 'mixed-onnx');
  const path = join(dir, 'rewritten.onnx');
  writeOnnx(fromFile!, path, { protect: [] });
  assert.ok(readFileSync(path).equals(Buffer.from(toOnnxBytes(fromFile!))));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
