/**
 * The Caffe and TFLite samples shipped in samples/ (usable without ../shared/corpus): recorded sha256, import
 * with and without weights, full reports naming the original layers, and for the float models an ncnn export
 * that reads back equal in onnxruntime.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samples } from '../helpers/samples.js';
import { loadModel } from '../../converters/index.js';
import { exportNcnn } from '../../src/cli/export-pipeline/ncnn.js';
import { readNcnn } from '../../converters/ncnn/import.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { inferShapes } from '../../src/shape/infer.js';
import { runCli } from '../helpers/cli.js';
import { compare, randomInput, runOrt } from '../helpers/ort.js';

const foreign = samples((s) => s.format !== 'onnx');
const dir = mkdtempSync(join(tmpdir(), 'convcheck-samples-'));

test('the manifest lists the Caffe and TFLite samples with their real hashes', () => {
  assert.ok(foreign.filter((s) => s.format === 'caffe').length >= 3 && foreign.filter((s) => s.format === 'tflite').length >= 4);
  for (const s of foreign) assert.is(createHash('sha256').update(readFileSync(s.path)).digest('hex'), s.sha256, s.file);
});

for (const s of foreign) {
  test(`${s.name}: imports, reports with original names${s.format === 'caffe' ? ', with and without weights' : ''}`, () => {
    const m = loadModel(s.path, { weights: 'load' });
    inferShapes(m);
    assert.equal(m.graph.inputs.filter((v) => !v.data).map((v) => [v.name, v.shape]), s.inputs!.map((v) => [v.name, v.shape]));
    assert.ok(m.graph.nodes.every((n) => n.origin && n.origin.name), 'every node names its original layer/tensor');
    if (s.format === 'caffe' && existsSync(s.path.replace(/\.prototxt$/, '.caffemodel'))) {
      const bare = loadModel(s.path, { weights: 'none' });
      assert.is(bare.graph.nodes.length, m.graph.nodes.length);
    }
    const target = s.format === 'caffe' ? 'nnie' : 'ncnn';
    const r = runCli([s.path, '--target', target, '--format', 'json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const j = JSON.parse(r.stdout) as { model: { format: string }; targets: { verdict: string }[]; findings: { origin?: { name: string } }[] };
    assert.is(j.model.format, s.format);
    assert.ok(['ready', 'needs-fixes', 'blocked'].includes(j.targets[0]!.verdict));
    assert.ok(j.findings.every((f) => !f.origin || f.origin.name.length > 0));
  });
}

test('float samples with weights export to ncnn and read back equal', async () => {
  const rows: string[] = [];
  for (const s of foreign.filter((x) => x.format === 'tflite' ? !(x.features as string[]).includes('int8') : existsSync(x.path.replace(/\.prototxt$/, '.caffemodel')))) {
    const m = loadModel(s.path, { weights: 'load' });
    const input = m.graph.inputs.find((v) => !v.data)!;
    const inputShapes = new Map([[input.name, [1, ...(input.shape!.slice(1) as number[])]]]);
    inferShapes(m, { inputShapes });
    const reference = toOnnxBytes(m);
    exportNcnn(m, join(dir, `${s.name}.param`), {});
    const back = readNcnn(join(dir, `${s.name}.param`));
    const x = randomInput(inputShapes.get(input.name)!, 5);
    const a = await runOrt(reference, { [input.name]: x });
    const bin = back.graph.inputs[0]!;
    const xs = inputShapes.get(input.name)!;
    const feed = bin.shape!.join() === xs.join() ? x : { ...x, dims: bin.shape as number[], data: nhwcToNchw(x.data as Float32Array, xs) };
    const b = await runOrt(toOnnxBytes(back), { [bin.name]: feed });
    const out = s.outputs![0]!.name;
    const d = compare((b[out] ?? b[Object.keys(b)[0]!]!).data, a[out]!.data);
    rows.push(`${s.name}: max rel ${d.maxRel.toExponential(2)}`);
    assert.ok(d.maxRel <= 1e-4, `${s.name}: ${d.maxRel}`);
  }
  assert.ok(rows.length >= 3);
  console.log(`  ${rows.join('; ')}`);
});

function nhwcToNchw(a: Float32Array, [, h, w, c]: number[]): Float32Array {
  const out = new Float32Array(a.length);
  for (let y = 0; y < h!; y++) for (let x = 0; x < w!; x++) for (let k = 0; k < c!; k++) out[(k * h! + y) * w! + x] = a[(y * w! + x) * c! + k]!;
  return out;
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
