/** `convcheck fix --verify` end to end: rewrites applied, re-checked, written, verified in onnxruntime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { readOnnx } from '../../converters/onnx/import.js';
import { checkOnnxFiles, haveOnnxChecker } from '../helpers/onnx-checker.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-fix-'));

test("shape glue folds away, the Focus layer's strided slices become reshapes, the model stays equal and becomes ready", () => {
  const out = join(dir, 'yolo.onnx');
  const r = runCli(['fix', sample('yolo-op13').path, '--target', 'ncnn', '-o', out, '--verify']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /240 → \d+ nodes/);
  assert.match(r.stdout, /applied fold-constants \(exact\)/);
  assert.match(r.stdout, /applied strided-slice-to-reshape \(exact\) × 6/);
  assert.match(r.stdout, /ncnn\/Slice-steps by strided-slice-to-reshape × 6/);
  assert.match(r.stdout, /verify \(onnxruntime[^)]*\): EQUAL/);
  assert.match(r.stdout, /after: ready, 0 finding/);
  assert.equal(readOnnx(out).graph.nodes.filter((n) => n.op === 'Shape').length, 0, 'no Shape left');
  if (haveOnnxChecker()) assert.equal([...checkOnnxFiles([out]).values()], [null]);
});

test('real blockers keep exit 1 and are listed', () => {
  const r = runCli(['fix', sample('ssd-op13').path, '--target', 'ncnn', '-o', join(dir, 'ssd.onnx'), '--verify']);
  assert.is(r.code, 1);
  assert.match(r.stdout, /ncnn\/NonMaxSuppression-unsupported/);
  assert.match(r.stdout, /verify \(onnxruntime[^)]*\): EQUAL/);
});

test('a model that becomes ready exits 0; --fix on the check command delegates; the input is never overwritten', () => {
  const out = join(dir, 'mbv3.onnx');
  const r = runCli([sample('mobilenet_v3_small-op17').path, '--target', 'ncnn', '--fix', '-o', out, '--verify']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /after: ready/);
  assert.ok(existsSync(out));
  const same = runCli(['fix', sample('resnet18').path, '--target', 'ncnn', '-o', sample('resnet18').path]);
  assert.is(same.code, 2);
  assert.match(same.stderr, /refusing to overwrite an input file/);
  assert.is(
    runCli(['fix', sample('resnet18').path, '--target', 'ncnn,rknn', '-o', join(dir, 'x.onnx')]).code,
    2,
    'one target at a time',
  );
});

test('--input feeds user data (.npy and raw) to the verification; a bad input file writes nothing; --format json records what each application resolved', () => {
  const m = sample('mobilenet_v3_small-op13');
  const dims = m.inputs![0]!.shape as number[];
  const n = dims.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
  const raw = join(dir, 'in.raw');
  writeFileSync(raw, new Uint8Array(data.buffer));
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims.join(', ')}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  const npy = join(dir, 'in.npy');
  writeFileSync(
    npy,
    Buffer.concat([
      Buffer.from([0x93]),
      Buffer.from('NUMPY'),
      Buffer.from([1, 0, header.length + pad + 1, 0]),
      Buffer.from(header + ' '.repeat(pad) + '\n', 'latin1'),
      Buffer.from(data.buffer),
    ]),
  );
  for (const file of [npy, raw]) {
    const r = runCli([
      'fix',
      m.path,
      '--target',
      'rknn',
      '-o',
      join(dir, 'u.onnx'),
      '--verify',
      '--input',
      `input=${file}`,
    ]);
    assert.match(r.stdout, /output \[--input input\]: max abs 0\.00e\+0/, r.stdout + r.stderr);
  }
  const bad = join(dir, 'short.raw');
  writeFileSync(bad, new Uint8Array(12));
  const out = join(dir, 'never.onnx');
  const r = runCli(['fix', m.path, '--target', 'rknn', '-o', out, '--verify', '--input', `input=${bad}`]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /short\.raw: raw input is 12 bytes; 'input' \[1,3,64,64\] of float32 needs 49152/);
  assert.not.ok(existsSync(out), 'nothing written');
  const j = runCli(['fix', sample('vit-op13').path, '--target', 'ncnn', '-o', join(dir, 'v.onnx'), '--format', 'json']);
  const rec = JSON.parse(j.stdout) as {
    resolved: { ruleId: string; node: string; by: string[] }[];
    applications: { rule: string; before: string[]; resolved?: string[] }[];
  };
  assert.ok(rec.resolved.length > 0);
  const shape = rec.resolved.find((x) => x.ruleId === 'ncnn/Shape-unsupported');
  assert.ok(shape, 'the Shape ops ncnn lacks are resolved');
  assert.ok(
    shape!.by.every((b) => b.startsWith('fold-')),
    shape!.by.join(),
  );
  const credited = rec.applications.filter((a) => a.resolved?.length);
  assert.ok(
    credited.some((a) => a.before.includes(shape!.node)),
    'the application that removed the node carries the finding',
  );
});

test("the target's opset range drives convert-opset; --opset converts explicitly; a refusal is explained and changes nothing", () => {
  const out = join(dir, 'y12.onnx');
  const r = runCli(['fix', sample('yolo-op11').path, '--target', 'rknn', '-o', out, '--verify']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /applied convert-opset \(exact\) × 1/);
  assert.match(r.stdout, /rknn\/model-opset by convert-opset/);
  assert.match(r.stdout, /verify \(onnxruntime[^)]*\): EQUAL/);
  assert.is(readOnnx(out).opsets.get(''), 12, 'rknn-toolkit2 loads 12..19: the nearest is 12');
  const down = runCli([
    'fix',
    sample('convnext-op17').path,
    '--target',
    'tensorrt',
    '-o',
    join(dir, 'c9.onnx'),
    '--opset',
    '9',
    '--verify',
  ]);
  assert.match(down.stdout, /applied convert-opset/);
  assert.match(down.stdout, /EQUAL/);
  assert.is(readOnnx(join(dir, 'c9.onnx')).opsets.get(''), 9);
  const no = runCli([
    'fix',
    sample('yolo-op13').path,
    '--target',
    'tensorrt',
    '-o',
    join(dir, 'y9.onnx'),
    '--opset',
    '9',
  ]);
  assert.match(
    no.stdout,
    /not applied: convert-opset 13 → 9 refused: .*Slice steps \[2\] have no form before opset 10/,
  );
  assert.is(readOnnx(join(dir, 'y9.onnx')).opsets.get(''), 13);
  assert.is(
    runCli(['fix', sample('yolo-op13').path, '--target', 'tensorrt', '-o', join(dir, 'x.onnx'), '--opset', '7']).code,
    2,
  );
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
