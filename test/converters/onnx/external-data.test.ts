/** External data: written on request, read back as handles (not loaded), same outputs in onnxruntime; names, opsets, metadata kept. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { readOnnx } from '../../../converters/onnx/import.js';
import { writeOnnx } from '../../../converters/onnx/export.js';
import { sample } from '../../helpers/samples.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';
import { checkOnnxFiles, haveOnnxChecker } from '../../helpers/onnx-checker.js';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ext-'));

test('--external-data writes <model>.data; import keeps handles; onnxruntime gives the same outputs', async () => {
  const src = sample('mobilenet_v2').path;
  const out = join(dir, 'mbv2.onnx');
  const r = runCli(['convert', src, '--to', 'onnx', '-o', out, '--external-data']);
  assert.is(r.code, 0, r.stderr);
  assert.ok(existsSync(`${out}.data`));
  assert.ok(statSync(out).size < 100_000, 'the proto holds the graph only');
  const m = readOnnx(out);
  const ext = m.graph.constants().filter((v) => v.data!.external);
  assert.ok(ext.length > 10, 'weights are external handles');
  assert.ok(
    ext.every((v) => !v.data!.isLoaded),
    'and were not read during import',
  );
  const feeds = { input: randomInput([1, 3, 64, 64], 3) };
  const a = await runOrt(new Uint8Array(readFileSync(src)), feeds);
  const s = await ort.InferenceSession.create(out, { graphOptimizationLevel: 'disabled' });
  const b = await s.run({ input: new ort.Tensor('float32', feeds.input.data as Float32Array, feeds.input.dims) });
  assert.is(compare(b.output!.data as Float32Array, a.output!.data).maxAbs, 0);
  // and back to a single file: data read on demand
  const inline = join(dir, 'inline.onnx');
  writeOnnx(m, inline);
  const c = await runOrt(new Uint8Array(readFileSync(inline)), feeds);
  assert.is(compare(c.output!.data, a.output!.data).maxAbs, 0);
  if (haveOnnxChecker()) assert.equal([...checkOnnxFiles([out, inline]).values()], [null, null]);
});

test('names, opsets, producer and metadata survive the round trip', () => {
  const m = readOnnx(sample('lstm').path);
  m.metadata.set('author', 'convcheck test');
  m.opsets.set('com.example', 2);
  const out = join(dir, 'meta.onnx');
  writeOnnx(m, out);
  const back = readOnnx(out);
  assert.is(back.metadata.get('author'), 'convcheck test');
  assert.is(back.opsets.get('com.example'), 2);
  assert.is(back.opsets.get(''), 13);
  assert.equal(back.producer, m.producer);
  assert.equal(
    back.graph.nodes.map((n) => n.name),
    m.graph.nodes.map((n) => n.name),
  );
  assert.equal(
    back.graph.inputs.map((v) => v.name),
    m.graph.inputs.map((v) => v.name),
  );
});

test('--input-shape overrides a dynamic dim and inference makes every shape static', () => {
  const p = sample('resnet18_dynamic').path;
  const before = JSON.parse(runCli(['inspect', p, '--format', 'json']).stdout);
  assert.equal(before.inputs[0].shape, ['N', 3, 64, 64]);
  assert.equal(before.outputs[0].shape, ['N', 10], 'the symbolic batch is propagated by name');
  const after = JSON.parse(runCli(['inspect', p, '--format', 'json', '--input-shape', 'input=2,3,64,64']).stdout);
  assert.equal(after.inputs[0].shape, [2, 3, 64, 64]);
  assert.equal(after.outputs[0].shape, [2, 10]);
  const bad = runCli(['inspect', p, '--input-shape', 'nosuch=1,2']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /no input 'nosuch'/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
