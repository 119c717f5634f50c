/**
 * Bad input: at least 300 mutated real models — ONNX, TFLite and Caffe prototxt (truncations, byte
 * flips, corrupted length fields and offsets, broken braces),
 * other formats, absurd dims, cycles, dangling inputs, escaping external data. Each must import
 * as a valid graph or fail with an InputError naming the file; through the CLI: one line, exit 2,
 * no stack trace, nothing written.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../converters/index.js';
import { InputError } from '../../src/io/input-error.js';
import { seeded } from '../../src/ir/text.js';
import { onnx } from '../../converters/onnx/proto.js';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-bad-'));
const sources = ['mobilenet_v2', 'lstm', 'ssd-op13', 'vit-op17'].map((n) => readFileSync(sample(n).path));

/** Positions of protobuf length-delimited fields (tag byte with wire type 2 followed by a varint length). */
function lengthFields(buf: Uint8Array, limit: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < buf.length - 2 && out.length < limit; i++)
    if ((buf[i]! & 7) === 2 && buf[i]! >> 3 > 0 && buf[i]! >> 3 < 30 && buf[i + 1]! > 0) out.push(i + 1);
  return out;
}

const tfliteSources = ['tflite-face_detection_short_range', 'tflite-hand_recrop'].map((n) =>
  readFileSync(sample(n).path),
);
const prototxtSources = ['caffe-squeezenet_v1_1', 'caffe-caffenet-v1'].map((n) => readFileSync(sample(n).path));

type Mutation = { name: string; bytes: Uint8Array };

/** TFLite: truncations, bit flips in the tables at the front, 32-bit offsets overwritten with huge values. */
function tfliteMutations(r: () => number): Mutation[] {
  const out: Mutation[] = [];
  tfliteSources.forEach((src, k) => {
    for (let i = 0; i < 30; i++) {
      const b = Uint8Array.from(i < 10 ? src.subarray(0, Math.floor(r() * src.length)) : src);
      if (i >= 10 && i < 20)
        for (let j = 0; j < 6; j++) b[Math.floor(r() * Math.min(b.length, 4096))] ^= 1 << Math.floor(r() * 8);
      if (i >= 20) b.set([0xff, 0xff, 0xff, 0x7f], 4 * Math.floor((r() * Math.min(b.length - 4, 8192)) / 4));
      out.push({ name: `tfl${k}-${i}.tflite`, bytes: b });
    }
  });
  return out;
}

/** Caffe prototxt: truncations, random bytes, a brace or quote removed or added. */
function prototxtMutations(r: () => number): Mutation[] {
  const out: Mutation[] = [];
  const edits = ['{', '}', '"', ':', '\\', '\u0000', '\u001b'];
  prototxtSources.forEach((src, k) => {
    for (let i = 0; i < 20; i++) {
      const text = src.toString('latin1');
      const at = Math.floor(r() * text.length);
      const mutated =
        i < 5
          ? text.slice(0, at)
          : i < 10
            ? text.slice(0, at) + String.fromCharCode(Math.floor(r() * 256)) + text.slice(at + 1)
            : i < 15
              ? text.replace(/[{}"]/g, (c) => (r() < 0.02 ? '' : c))
              : text.slice(0, at) + edits[i % edits.length]! + text.slice(at);
      out.push({ name: `proto${k}-${i}.prototxt`, bytes: Buffer.from(mutated, 'latin1') });
    }
  });
  return out;
}

function mutations(): Mutation[] {
  const r = seeded(42);
  const out: Mutation[] = [];
  sources.forEach((src, k) => {
    for (let i = 0; i < 20; i++)
      out.push({ name: `trunc${k}-${i}`, bytes: src.subarray(0, Math.floor(r() * src.length)) });
    for (let i = 0; i < 20; i++) {
      const b = Uint8Array.from(src.subarray(0, Math.min(src.length, 1 << 16)));
      for (let j = 0; j < 4; j++) b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
      out.push({ name: `flip${k}-${i}`, bytes: Buffer.concat([b, src.subarray(b.length)]) });
    }
    const fields = lengthFields(src.subarray(0, 1 << 14), 400);
    for (let i = 0; i < 15; i++) {
      const b = Uint8Array.from(src);
      b[fields[Math.floor(r() * fields.length)]!] = [0x7f, 0xff, 0x01, 0x80][i % 4]!;
      out.push({ name: `len${k}-${i}`, bytes: b });
    }
  });
  return [...out.map((m) => ({ ...m, name: `${m.name}.onnx` })), ...tfliteMutations(r), ...prototxtMutations(r)];
}

function expectCleanOutcome(path: string): 'ok' | 'error' {
  try {
    const m = loadModel(path);
    m.graph.toposort();
    return 'ok';
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`${path}: not an InputError: ${(e as Error).stack}`);
    assert.is(e.file, path);
    assert.ok(e.problem.length > 5 && !e.problem.includes('\n'), `one-line problem: ${e.problem}`);
    return 'error';
  }
}

test('300+ mutated real models (ONNX, TFLite, Caffe) import cleanly or fail with an InputError naming the file', () => {
  const ms = mutations();
  assert.ok(ms.length >= 300, `${ms.length} mutations`);
  let errors = 0;
  for (const m of ms) {
    const p = join(dir, m.name);
    writeFileSync(p, m.bytes);
    if (expectCleanOutcome(p) === 'error') errors++;
  }
  console.log(
    `  ${ms.length} mutated models: ${errors} rejected with a one-line error, ${ms.length - errors} still valid graphs`,
  );
  assert.ok(errors > ms.length / 3, 'most mutations are caught');
});

test('through the CLI: one line, exit 2, no stack trace, nothing written', () => {
  const files = readdirSync(dir)
    .filter((f) => /\.(onnx|tflite|prototxt)$/.test(f))
    .sort()
    .filter((_, i) => i % 12 === 0);
  let rejected = 0;
  for (const f of files) {
    const p = join(dir, f);
    const out = join(dir, `out-${f}`);
    const r = runCli(['convert', p, '--to', 'onnx', '-o', out]);
    if (r.code === 2) {
      rejected++;
      assert.is(r.stderr.trim().split('\n').length, 1, `${f}: ${r.stderr}`);
      assert.ok(r.stderr.startsWith(`convcheck: ${p}: `), r.stderr);
      assert.not.match(r.stderr, /\n\s+at /);
      assert.not.ok(
        readdirSync(dir).some((x) => x.startsWith(`out-${f}`) || x.startsWith(`.out-${f}`)),
        'nothing written',
      );
    } else assert.is(r.code, 0, `${f}: exit ${r.code} ${r.stderr}`);
  }
  assert.ok(rejected > 0);
});

function model(graph: object, opset = 13): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: opset }],
    graph,
  } as never).finish();
}
const vi = (name: string, dims: number[]) => ({
  name,
  type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
});

/** A model whose one initializer lives in external data at `location`. */
function externalAt(location: string): Uint8Array {
  const initializer = {
    name: 'w',
    dims: [1],
    dataType: 1,
    dataLocation: 1,
    externalData: [{ key: 'location', value: location }],
  };
  return model({ name: 'g', input: [vi('x', [1])], output: [vi('x', [1])], initializer: [initializer] });
}

test('other formats, empty files, cycles, dangling inputs, absurd dims, escaping external data', () => {
  const cases: [string, Uint8Array | string, RegExp][] = [
    ['empty.onnx', new Uint8Array(), /empty/],
    ['text.onnx', 'hello, this is not a model\n', /not a valid ONNX model/],
    [
      'png.onnx',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /not a valid ONNX model/,
    ],
    [
      'cycle.onnx',
      model({
        name: 'g',
        input: [vi('x', [1])],
        output: [vi('b', [1])],
        node: [
          { opType: 'Add', input: ['x', 'b'], output: ['a'] },
          { opType: 'Relu', input: ['a'], output: ['b'] },
        ],
      }),
      /cycle/,
    ],
    [
      'dangling.onnx',
      model({
        name: 'g',
        input: [vi('x', [1])],
        output: [vi('y', [1])],
        node: [{ opType: 'Add', input: ['x', 'ghost'], output: ['y'] }],
      }),
      /uses 'ghost', which no node, input or initializer defines/,
    ],
    [
      'absurd.onnx',
      model({
        name: 'g',
        input: [vi('x', [1])],
        output: [vi('x', [1])],
        initializer: [{ name: 'w', dims: [1e9, 1e9, 1e9], dataType: 1, rawData: new Uint8Array(4) }],
      }),
      /absurd shape/,
    ],
    [
      'short.onnx',
      model({
        name: 'g',
        input: [vi('x', [1])],
        output: [vi('x', [1])],
        initializer: [{ name: 'w', dims: [4], dataType: 1, rawData: new Uint8Array(4) }],
      }),
      /raw_data has 4 bytes/,
    ],
    ['escape.onnx', externalAt('../../etc/passwd'), /escapes the model's folder/],
    ['absolute.onnx', externalAt('/etc/passwd'), /escapes the model's folder/],
    ['missing-ext.onnx', externalAt('nothere.bin'), /not found/],
  ];
  const sub = join(dir, 'cases');
  mkdirSync(sub);
  for (const [name, bytes, msg] of cases) {
    const p = join(sub, name);
    writeFileSync(p, bytes);
    const r = runCli(['inspect', p]);
    assert.is(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^convcheck: ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    assert.match(r.stderr, msg);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
