/** Shape inference on small text-form models: symbolic dims and shape subgraphs evaluated. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { inferShapes } from '../../src/shape/infer.js';

const shapeOf = (src: string, name: string, inputShapes?: Map<string, number[]>) => {
  const m = parseModelText(src);
  inferShapes(m, inputShapes ? { inputShapes } : {});
  const v = m.graph.values.get(name);
  return { shape: v?.shape ?? null, dtype: v?.dtype ?? null };
};

test('batch N survives Conv and broadcasting with 1', () => {
  const src = `opset 17
input x: float32[N,3,8,8]
const w: float32[4,3,3,3] = fill(0.5)
const b: float32[1,4,1,1] = fill(1.0)
y = Conv<kernel_shape=[3,3], pads=[1,1,1,1], strides=[2,2]>(x, w)
z = Add(y, b)
output z`;
  assert.equal(shapeOf(src, 'y').shape, ['N', 4, 4, 4]);
  assert.equal(shapeOf(src, 'z'), { shape: ['N', 4, 4, 4], dtype: 'float32' });
});

test('a Shape -> Gather -> Unsqueeze -> Concat -> Reshape subgraph is evaluated when inputs are static', () => {
  const src = `opset 13
input x: float32[N,3,8,8]
const i0: int64[] = [0]
const ax: int64[1] = [0]
const rest: int64[1] = [-1]
s = Shape(x)
n = Gather<axis=0>(s, i0)
nu = Unsqueeze(n, ax)
t = Concat<axis=0>(nu, rest)
y = Reshape(x, t)
output y`;
  assert.equal(shapeOf(src, 'y', new Map([['x', [2, 3, 8, 8]]])).shape, [2, 192]);
  // symbolic batch: values of shape subgraphs are not tracked symbolically, so the dim becomes a
  // fresh symbol (never a guessed number); the rank is still known
  const sym = shapeOf(src, 'y').shape;
  assert.type(sym?.[0], 'string');
  assert.equal(sym?.length, 2);
});

test('NonZero gets a named data-dependent count, unknown ops leave shapes unknown', () => {
  const src = `opset 17
input x: float32[2,3]
y = NonZero(x)
z = Foo(x)
output y
output z`;
  const y = shapeOf(src, 'y');
  assert.equal(y.shape?.[0], 2);
  assert.type(y.shape?.[1], 'string');
  assert.equal(y.dtype, 'int64');
  assert.equal(shapeOf(src, 'z').shape, null);
});

test.run();
