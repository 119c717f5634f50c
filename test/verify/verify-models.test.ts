/**
 * `verifyModels` (what `fix --verify` and the TUI run) on real onnxruntime outputs: a candidate that yields NaN,
 * drops an output, or changes a shape or a length is DIFFERENT; the same model is EQUAL.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { verifyModels } from '../../src/verify/compare-runs.js';

const ORIGINAL = `opset 13
input x: float32[2,3]
y = Relu(x)
z = Neg(x)
output y
output z`;
const original = parseModelText(ORIGINAL);
const originalBytes = toOnnxBytes(original);

async function verdict(candidate: string): Promise<Awaited<ReturnType<typeof verifyModels>>> {
  return verifyModels(originalBytes, toOnnxBytes(parseModelText(candidate)), original);
}

test('the same model is equal on every fill, both outputs compared', async () => {
  const v = await verdict(ORIGINAL);
  assert.ok(v.ok);
  assert.equal([...new Set(v.stats.map((s) => s.output))], ['y', 'z']);
});

test('all-NaN outputs are different', async () => {
  const v = await verdict(`opset 13
input x: float32[2,3]
const one: float32[1] = [1]
a = Abs(x)
n = Neg(a)
m = Sub(n, one)
y = Sqrt(m)
z = Neg(x)
output y
output z`);
  assert.not.ok(v.ok);
  assert.ok(v.stats.filter((s) => s.output === 'y').every((s) => !s.ok && /non-finite/.test(s.problem ?? '')));
});

test('an Inf where the original is finite is different', async () => {
  const v = await verdict(`opset 13
input x: float32[2,3]
const zero: float32[1] = [0]
r = Relu(x)
y = Div(r, zero)
z = Neg(x)
output y
output z`);
  assert.not.ok(v.ok);
});

test('a missing second output is different', async () => {
  const v = await verdict(`opset 13
input x: float32[2,3]
y = Relu(x)
output y`);
  assert.not.ok(v.ok);
  assert.ok(v.stats.some((s) => s.output === 'z' && s.problem === 'missing output'));
});

test('a reshaped output (same elements) and a shortened output (equal prefix) are different', async () => {
  const reshaped = await verdict(`opset 13
input x: float32[2,3]
const s: int64[2] = [3,2]
y = Relu(x)
n = Neg(x)
z = Reshape(n, s)
output y
output z`);
  assert.not.ok(reshaped.ok);
  assert.ok(reshaped.stats.some((s) => /shape \[3,2\]/.test(s.problem ?? '')));
  const shortened = await verdict(`opset 13
input x: float32[2,3]
const st: int64[1] = [0]
const en: int64[1] = [1]
y = Relu(x)
n = Neg(x)
z = Slice(n, st, en)
output y
output z`);
  assert.not.ok(shortened.ok);
});

test.run();
