/** fuse-pad-into-pool, fuse-silu, fuse-groupnorm, slice-off-batch-axis and int64-to-int32: linter-style cases checked in onnxruntime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { verifyModels } from '../../src/verify/compare-runs.js';

const padPool = (pool: string, value: string, pads = '[0,0,1,1,0,0,1,1]', pre = 'r = Relu(x)'): string =>
  `opset 13\ninput x: float32[1,2,6,6]\n${pre}\nconst p: int64[8] = ${pads}\nconst v: float32[] = [${value}]\nq = Pad(r, p, v)\ny = ${pool}(q)\noutput y`;

test('fuse-pad-into-pool', async () => {
  expectNoMatch('fuse-pad-into-pool', [
    {
      graph: padPool('MaxPool<kernel_shape=[3,3]>', '0', undefined, 'r = Neg(x)'),
      name: 'zero pad on a possibly negative input',
    },
    {
      graph: padPool('MaxPool<kernel_shape=[2,2]>', '0', '[0,0,2,2,0,0,0,0]'),
      name: 'a window could hold only padding',
    },
    {
      graph: padPool('MaxPool<kernel_shape=[3,3], ceil_mode=1, strides=[2,2]>', '-3.4028235e38'),
      name: 'ceil rounding',
    },
    { graph: padPool('AveragePool<kernel_shape=[3,3]>', '1'), name: 'non-zero pad in a mean' },
    {
      graph: padPool('AveragePool<kernel_shape=[3,3], pads=[1,1,1,1]>', '0'),
      name: 'own pads excluded from the count',
    },
    { graph: padPool('MaxPool<kernel_shape=[3,3]>', '0', '[0,1,1,1,0,0,1,1]'), name: 'pads channels' },
  ]);
  await expectRewrite(
    'fuse-pad-into-pool',
    [
      {
        graph: padPool(
          'MaxPool<kernel_shape=[3,3], strides=[2,2]>',
          '-3.4028235e38',
          '[0,0,1,0,0,0,2,1]',
          'r = Neg(x)',
        ),
        ops: ['Neg', 'MaxPool'],
        name: '−∞ pad, any input',
      },
      {
        graph: padPool('MaxPool<kernel_shape=[2,2], strides=[1,1]>', '0', '[0,0,0,0,0,0,1,1]'),
        ops: ['Relu', 'MaxPool'],
        name: 'zero pad after Relu (darknet-style)',
      },
      {
        graph: padPool('AveragePool<kernel_shape=[3,3]>', '0'),
        ops: ['Relu', 'AveragePool'],
        name: 'zero pad into a mean',
      },
      {
        graph: padPool(
          'AveragePool<kernel_shape=[3,3], pads=[1,0,1,0], count_include_pad=1>',
          '0',
          undefined,
          'r = Neg(x)',
        ),
        ops: ['Neg', 'AveragePool'],
        name: 'adds to own pads counted in',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test('fuse-silu', async () => {
  const silu = (opset: number, rhs = 'x'): string =>
    `opset ${opset}\ninput x: float32[2,8]\ninput z: float32[2,8]\ns = Sigmoid(x)\ny = Mul(${rhs}, s)\noutput y`;
  expectNoMatch('fuse-silu', [
    { graph: silu(23), name: 'Swish exists from opset 24' },
    { graph: silu(24, 'z'), name: 'gates another tensor' },
  ]);
  await expectRewrite('fuse-silu', [{ graph: silu(24), ops: ['Swish'] }], { rtol: 1e-6, atol: 1e-6 });
});

/** PyTorch's GroupNorm(4 groups, 8 channels) export; `affine` picks the per-channel γ/β. */
const groupNorm = (opset: number, gamma: string, beta: string, shape = '[1,8,3,5]'): string => `opset ${opset}
input x: float32${shape}
const gs: int64[3] = [0,4,-1]
r = Reshape(x, gs)
const one: float32[4] = fill(1)
const zero: float32[4] = fill(0)
n = InstanceNormalization<epsilon=1e-5>(r, one, zero)
const xs: int64[4] = ${shape}
b = Reshape(n, xs)
const g: float32[8,1,1] = ${gamma}
m = Mul(b, g)
const be: float32[8,1,1] = ${beta}
y = Add(m, be)
output y`;

test('fuse-groupnorm', async () => {
  expectNoMatch('fuse-groupnorm', [
    { graph: groupNorm(17, 'random(1)', 'random(2)'), name: 'no GroupNormalization before 18' },
    { graph: groupNorm(18, 'random(1)', 'random(2)'), name: 'opset 18 has only per-group affine' },
  ]);
  await expectRewrite(
    'fuse-groupnorm',
    [
      {
        graph: groupNorm(21, 'random(1)', 'random(2)'),
        ops: ['GroupNormalization'],
        name: 'per-channel affine (opset 21)',
      },
      {
        graph: groupNorm(18, '[1,1,2,2,3,3,4,4]', '[0,0,-1,-1,0.5,0.5,2,2]'),
        ops: ['GroupNormalization'],
        name: 'affine uniform per group (opset 18)',
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('int64-to-int32', async () => {
  const src =
    'opset 13\ninput ids: int64[2,3]\nconst table: float32[5,4] = random(3)\ne = Gather(table, ids)\nk = ArgMax<axis=2, keepdims=0>(e)\noutput e\noutput k';
  const m = parseModelText(src);
  const original = toOnnxBytes(m);
  const run = runRewrites(m, new Set(['int64-to-int32']), {});
  assert.equal(
    run.applications.map((a) => a.rule),
    ['int64-to-int32'],
  );
  assert.equal(
    m.graph.inputs.map((v) => v.dtype),
    ['int32'],
  );
  assert.equal(
    m.graph.outputs.map((v) => `${v.name}:${v.dtype}`),
    ['e:float32', 'k:int32'],
  );
  assert.equal(
    m.graph.nodes.map((n) => n.op),
    ['Cast', 'Gather', 'ArgMax', 'Cast'],
  );
  const v = await verifyModels(original, toOnnxBytes(m), m, { rtol: 0, atol: 0 });
  assert.ok(v.ok && v.stats.length === 6, JSON.stringify(v.stats));
  assert.equal(runRewrites(m, new Set(['int64-to-int32']), {}).applications.length, 0, 'nothing left to change');
});

test('slice-off-batch-axis', async () => {
  const qkv = (x: string, axes: string): string =>
    `opset 13\ninput x: float32${x}\nconst s: int64[1] = [32]\nconst e: int64[1] = [64]\nconst a: int64[1] = [${axes}]\ny = Slice(x, s, e, a)\nz = Relu(y)\noutput z`;
  expectNoMatch('slice-off-batch-axis', [
    { graph: qkv('[1,17,96]', '2'), name: 'batch already 1' },
    { graph: qkv('[17,2,96]', '2'), name: 'no unit axis to move' },
    { graph: qkv('[96,1,17]', '0'), name: 'slices axis 0 itself' },
  ]);
  await expectRewrite(
    'slice-off-batch-axis',
    [
      {
        graph: qkv('[17,1,96]', '-1'),
        ops: ['Reshape', 'Slice', 'Reshape', 'Relu'],
        name: 'sequence-first attention in-projection',
      },
      {
        graph: qkv('[5,3,1,96]', '3'),
        ops: ['Reshape', 'Slice', 'Reshape', 'Relu'],
        name: 'unit axis after the sliced one',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test.run();
