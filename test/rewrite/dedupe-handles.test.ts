/**
 * dedupe-initializers on weights still in the model file (graph-only reading): it tells tensors apart by their
 * first bytes before reading them whole, so equal heads with different tails must stay apart, and equal tensors
 * must still merge, for plain file spans and for Conv weights scaled by fuse-conv-bn (computed on read).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { Tensor } from '../../src/ir/tensor.js';
import { tensorToFloat32 } from '../../src/ir/typed-data.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { readOnnx } from '../../converters/onnx/import.js';
import type { Model } from '../../src/ir/model.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-dedupe-'));

/** 20 000 values (80 KB, past what a graph-only read keeps in memory): a, its twin b, and c = a but the last. */
const ADDS = `
opset 13
input x: float32[20000]
const a: float32[20000] = random(1)
const b: float32[20000] = random(1)
const c: float32[20000] = random(1)
y = Add(x, a)
z = Add(y, b)
w = Add(z, c)
output w
`;

/**
 * Three Conv+BN pairs with different weights (so nothing merges before the fusion): w2 = 2·w1 under a BN of half
 * the gamma fuses to exactly w1's fused weights (powers of two scale exactly); w3 = w1 but its last value, under
 * w1's BN, fuses to weights that differ from those in the last value only.
 */
const CONVS = `
opset 13
input x: float32[1,64,4,4]
const w1: float32[64,64,3,3] = random(1)
const w2: float32[64,64,3,3] = random(1)
const w3: float32[64,64,3,3] = random(1)
const g: float32[64] = random(2)
const g2: float32[64] = random(2)
const be: float32[64] = random(3)
const mu: float32[64] = random(4)
const va: float32[64] = fill(0.5)
y1 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w1)
n1 = BatchNormalization(y1, g, be, mu, va)
y2 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(n1, w2)
n2 = BatchNormalization(y2, g2, be, mu, va)
y3 = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(n2, w3)
n3 = BatchNormalization(y3, g, be, mu, va)
output n3
`;

const lastPlusOne = (values: Float32Array): void => {
  values[values.length - 1] = values[values.length - 1]! + 1;
};
const times =
  (k: number) =>
  (values: Float32Array): void =>
    values.forEach((x, i) => (values[i] = x * k));

/** The model with constants changed by `edits`, written to a file and read back graph-only. */
function fromFile(text: string, edits: Record<string, (values: Float32Array) => void>, file: string): Model {
  const m = parseModelText(text);
  for (const [name, edit] of Object.entries(edits)) {
    const v = m.graph.constants().find((x) => x.name === name)!;
    const values = Float32Array.from(tensorToFloat32(v.data!));
    edit(values);
    v.data = Tensor.fromArray('float32', [...v.data!.dims], values);
  }
  const path = join(dir, file);
  writeFileSync(path, toOnnxBytes(m));
  const read = readOnnx(path);
  assert.ok(
    read.graph.constants().some((x) => x.data!.isHandle),
    'the weights stay in the file until used',
  );
  return read;
}

test('equal file spans merge; an equal head with another tail does not', () => {
  const m = fromFile(ADDS, { c: lastPlusOne }, 'adds.onnx');
  runRewrites(m, new Set(['dedupe-initializers']));
  const [add1, add2, add3] = m.graph.nodes;
  assert.is(add1!.inputs[1], add2!.inputs[1], 'a and b are one constant');
  assert.is.not(add3!.inputs[1], add1!.inputs[1], 'c differs in its last value');
});

test('fused Conv weights computed on read: equal ones merge, one differing at the end does not', () => {
  const m = fromFile(CONVS, { w2: times(2), g2: times(0.5), w3: lastPlusOne }, 'convs.onnx');
  runRewrites(m, new Set(['fuse-conv-bn', 'dedupe-initializers']));
  const convs = m.graph.nodes.filter((n) => n.op === 'Conv');
  assert.is(m.graph.nodes.length, 3, 'every BatchNormalization fused');
  assert.is(convs[0]!.inputs[1], convs[1]!.inputs[1], 'the first two fused weights are one constant');
  assert.is.not(convs[2]!.inputs[1], convs[0]!.inputs[1], 'the third differs in its last value');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
