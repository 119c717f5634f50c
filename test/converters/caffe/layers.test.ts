/** Caffe layers with exact ONNX equivalents, run in onnxruntime against Caffe's formulas. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaffe } from '../../../converters/caffe/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { parseTextProto } from '../../../converters/caffe/prototxt-parser.js';
import { InputError } from '../../../src/io/input-error.js';
import { randomInput, runOrt } from '../../helpers/ort.js';
import { compareTensors } from '../../../src/verify/compare.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-caffe-'));
async function run(
  proto: string,
  shapes: Record<string, number[]>,
): Promise<{ x: Record<string, Float32Array>; y: Record<string, Float32Array> }> {
  const p = join(dir, `net${Math.random().toString(36).slice(2)}.prototxt`);
  writeFileSync(p, proto);
  const m = readCaffe(p);
  const feeds = Object.fromEntries(Object.entries(shapes).map(([k, s], i) => [k, randomInput(s, 3 + i, 0.1, 2)]));
  const out = await runOrt(toOnnxBytes(m), feeds);
  return {
    x: Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, v.data as Float32Array])),
    y: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array])),
  };
}
/** Equal up to 1e-5 (absolute, plus relative) per element, through the product's comparison (src/verify/compare.ts). */
const close = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  compareTensors({ data: a }, { data: b }, { rtol: 1e-5, atol: 1e-5, relativeTo: 'element' }).ok;

test("Power, Log, Exp (base, scale, shift) and BNLL follow Caffe's formulas", async () => {
  const net = `input: "data" input_shape { dim: 1 dim: 2 dim: 3 dim: 3 }
layer { name: "p" type: "Power" bottom: "data" top: "p" power_param { power: 2 scale: 0.5 shift: 1 } }
layer { name: "l" type: "Log" bottom: "data" top: "l" log_param { base: 2 scale: 3 } }
layer { name: "e" type: "Exp" bottom: "data" top: "e" exp_param { base: 10 shift: -1 } }
layer { name: "b" type: "BNLL" bottom: "data" top: "b" }`;
  const { x, y } = await run(net, { data: [1, 2, 3, 3] });
  const d = x.data!;
  assert.ok(
    close(
      y.p!,
      d.map((v) => (1 + 0.5 * v) ** 2),
    ),
    'Power',
  );
  assert.ok(
    close(
      y.l!,
      d.map((v) => Math.log2(3 * v)),
    ),
    'Log',
  );
  assert.ok(
    close(
      y.e!,
      d.map((v) => 10 ** (v - 1)),
    ),
    'Exp',
  );
  assert.ok(
    close(
      y.b!,
      d.map((v) => Math.log(1 + Math.exp(v))),
    ),
    'BNLL',
  );
});

test('Crop to the reference blob at an offset; Upsample (nearest ×2); ArgMax', async () => {
  const net = `input: "a" input_shape { dim: 1 dim: 2 dim: 5 dim: 6 }
input: "b" input_shape { dim: 1 dim: 2 dim: 3 dim: 4 }
layer { name: "c" type: "Crop" bottom: "a" bottom: "b" top: "c" crop_param { axis: 2 offset: 1 offset: 2 } }
layer { name: "u" type: "Upsample" bottom: "b" top: "u" upsample_param { scale: 2 } }
layer { name: "m" type: "ArgMax" bottom: "a" top: "m" argmax_param { axis: 1 } }`;
  const { x, y } = await run(net, { a: [1, 2, 5, 6], b: [1, 2, 3, 4] });
  const a = x.a!,
    b = x.b!;
  const crop: number[] = [];
  for (let ch = 0; ch < 2; ch++)
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) crop.push(a[ch * 30 + (i + 1) * 6 + (j + 2)]!);
  assert.ok(close(y.c!, crop), 'Crop');
  const up: number[] = [];
  for (let ch = 0; ch < 2; ch++)
    for (let i = 0; i < 6; i++) for (let j = 0; j < 8; j++) up.push(b[ch * 12 + (i >> 1) * 4 + (j >> 1)]!);
  assert.ok(close(y.u!, up), 'Upsample');
  const am: number[] = [];
  for (let k = 0; k < 30; k++) am.push(a[k]! >= a[30 + k]! ? 0 : 1);
  assert.ok(close(y.m!, am), 'ArgMax');
});

test('prototxt errors give line and column; every number notation parses', () => {
  const m = parseTextProto('a: 1e-3  b: -.5 c: 0x1F d: inf e: "x\\ty\\"z" # comment\nf { g: [1, 2, 3] h: ENUM }', 'x');
  assert.equal([m.num('a'), m.num('b'), m.num('c'), m.num('d')], [0.001, -0.5, 31, Infinity]);
  assert.is(m.str('e'), 'x\ty"z');
  assert.equal(m.msg('f')!.nums('g'), [1, 2, 3]);
  assert.is(m.msg('f')!.str('h'), 'ENUM');
  try {
    parseTextProto('layer {\n  name: "x"\n  type: @\n}', 'bad.prototxt');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as InputError).problem, /line 3, column 9/);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
