/**
 * ncnn export, checked numerically in CI: export → ncnn re-import (which validates the param
 * grammar) → ONNX → onnxruntime equals onnxruntime on the original. Refused exports write nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnnx } from '../../../converters/onnx/import.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { readNcnn } from '../../../converters/ncnn/import.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { samples } from '../../helpers/samples.js';
import { compare, sampleInput, runOrt } from '../../helpers/ort.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-'));
const MUST_EXPORT = [
  'resnet18',
  'mobilenet_v2',
  'mobilenet_v3_small-op13',
  'mobilenet_v3_large',
  'efficientnet-op13',
  'squeezenet',
  'regnet',
  'unet',
  'densenet',
  'mnasnet',
  'shufflenet_v2-op13',
  'lraspp',
  'yolo-op11',
  'yolo-op13',
  'yolo-op17',
  'resnet18_dynamic',
  'vit-op11',
  'vit-op13',
  'vit-op17',
  'convnext-op11',
  'convnext-op13',
  'convnext-op17',
  'lstm',
  'gru',
  'text_gru',
];

for (const s of samples((x) => x.format === 'onnx')) {
  test(`${s.name}: ncnn export round trip`, async () => {
    const m = readOnnx(s.path);
    // a dynamic input is exported as a user would: with the static shape given (--input-shape input=1,3,64,64)
    const dynamic = m.graph.inputs.find((v) => !v.data && v.shape?.some((d) => typeof d !== 'number'));
    const inputShapes = dynamic
      ? new Map([
          [dynamic.name, dynamic.shape!.map((d) => (typeof d === 'number' ? d : d === dynamic.shape![0] ? 1 : 64))],
        ])
      : undefined;
    inferShapes(m, { inputShapes });
    const base = join(dir, s.name);
    let files: string[];
    try {
      files = exportNcnn(m, `${base}.param`, {});
    } catch (e) {
      if (!(e instanceof ExportBlocked)) throw e;
      assert.not.ok(existsSync(`${base}.param`) || existsSync(`${base}.bin`), 'a refused export writes nothing');
      assert.ok(e.blockers.length > 0);
      assert.not.ok(MUST_EXPORT.includes(s.name), `${s.name} must export: ${e.blockers.join('; ')}`);
      console.log(`  ${s.name}: refused (${e.blockers.length} blocker(s), e.g. ${e.blockers[0]})`);
      return;
    }
    assert.equal(files, [`${base}.param`, `${base}.bin`]);
    const back = readNcnn(`${base}.param`);
    const inName = back.graph.inputs[0]!.name;
    const orig = readOnnx(s.path);
    const inDims = inputShapes?.get(orig.graph.inputs[0]!.name) ?? (orig.graph.inputs[0]!.shape as number[]);
    const inVal = orig.graph.inputs[0]!;
    const fed = sampleInput(inVal.dtype ?? 'float32', inDims, 3);
    const feeds = { [inVal.name]: fed };
    // token ids (int64 in the ONNX model) reach ncnn's Embed as int32
    const backFeed =
      fed.dtype === 'int64'
        ? { dtype: 'int32', dims: inDims, data: Int32Array.from(fed.data as BigInt64Array, Number) }
        : fed;
    const a = await runOrt(new Uint8Array(readFileSync(s.path)), feeds);
    const b = await runOrt(toOnnxBytes(back), { [inName]: backFeed });
    const name = orig.graph.outputs[0]!.name;
    const out = b[back.graph.outputs.find((v) => v.name === name)?.name ?? Object.keys(b)[0]!]!;
    const d = compare(out.data, a[name]!.data);
    console.log(
      `  ${s.name}: ${readFileSync(`${base}.param`, 'utf8').split('\n').length - 3} layers; re-imported output max abs ${d.maxAbs.toExponential(2)}, max rel ${d.maxRel.toExponential(2)}, cosine ${d.cosine.toFixed(7)}`,
    );
    assert.ok(d.maxRel <= 1e-4, `${s.name}: max relative error ${d.maxRel}`);
  });
}

test('fp16 storage: tagged weights are written as fp16 and read back', () => {
  const m = readOnnx(samples((x) => x.name === 'resnet18')[0]!.path);
  inferShapes(m);
  const fp32 = exportNcnn(m, join(dir, 'r32.param'), {});
  const m2 = readOnnx(samples((x) => x.name === 'resnet18')[0]!.path);
  inferShapes(m2);
  exportNcnn(m2, join(dir, 'r16.param'), { fp16: true });
  const s32 = readFileSync(fp32[1]!).length,
    s16 = readFileSync(join(dir, 'r16.bin')).length;
  assert.ok(s16 < s32 * 0.6, `fp16 .bin ${s16} vs fp32 ${s32}`);
  const back = readNcnn(join(dir, 'r16.param'));
  assert.ok(back.graph.nodes.some((n) => n.op === 'Conv'));
});

test('the .param reader validates the grammar', () => {
  const bad = [
    '7767516\n1 1\nInput data 0 1 data\n',
    '7767517\n2 1\nInput data 0 1 data\n',
    '7767517\n2 2\nInput data 0 1 data\nReLU r 1 1 nope out\n',
    '7767517\n1 1\nInput data 0 1 data 0=x\n',
  ];
  for (const [i, text] of bad.entries()) {
    const p = join(dir, `bad${i}.param`);
    writeText(p, text);
    assert.throws(() => readNcnn(p), /line \d+/);
  }
});

function writeText(p: string, t: string): void {
  writeFileSync(p, t);
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
