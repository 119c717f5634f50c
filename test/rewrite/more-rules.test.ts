/** Simplify, decompose and fuse rules: graphs they must leave alone, graphs they rewrite, numerically equal in onnxruntime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';

const BIG = 2 ** 63; // INT64_MAX as PyTorch writes it, rounded to the nearest double

test('eliminate-noop', async () => {
  expectNoMatch('eliminate-noop', [
    {
      graph: 'input x: float32[2,3]\nconst s: int64[2] = [3,2]\na = Reshape(x, s)\ny = Relu(a)\noutput y',
      name: 'a real reshape',
    },
    { graph: 'input x: float32[2,3]\ny = Transpose<perm=[0,1]>(x)\noutput y', name: 'graph input straight to output' },
  ]);
  await expectRewrite('eliminate-noop', [
    {
      graph:
        'input x: float32[2,3]\nconst s: int64[2] = [2,3]\na = Reshape(x, s)\nb = Transpose<perm=[0,1]>(a)\nc = Cast<to=1>(b)\nconst p: int64[4] = [0,0,0,0]\nd = Pad(c, p)\nconst r: int64[2] = [1,1]\ne = Tile(d, r)\ny = Relu(e)\noutput y',
      ops: ['Relu'],
    },
    {
      graph: `opset 13\ninput x: float32[2,3]\nconst st: int64[1] = [0]\nconst en: int64[1] = [${BIG}]\nconst ax: int64[1] = [1]\na = Slice(x, st, en, ax)\nb = Concat<axis=0>(a)\ny = Neg(b)\noutput y`,
      ops: ['Neg'],
      name: 'whole Slice, one-input Concat',
    },
  ]);
});

test('dedupe-initializers', async () => {
  expectNoMatch('dedupe-initializers', [
    {
      graph:
        'input x: float32[3]\nconst a: float32[3] = [1,2,3]\nconst b: float32[3] = [1,2,4]\ny = Add(x, a)\nz = Add(y, b)\noutput z',
    },
  ]);
  const g =
    'input x: float32[3]\nconst a: float32[3] = [1,2,3]\nconst b: float32[3] = [1,2,3]\ny = Add(x, a)\nz = Mul(y, b)\noutput z';
  await expectRewrite('dedupe-initializers', [{ graph: g, ops: ['Add', 'Mul'] }]);
  const m = parseModelText(g);
  runRewrites(m, new Set(['dedupe-initializers']));
  assert.is(m.graph.nodes[0]!.inputs[1], m.graph.nodes[1]!.inputs[1], 'one constant serves both');
});

test('eliminate-common-subexpressions', async () => {
  expectNoMatch('eliminate-common-subexpressions', [
    { graph: 'input x: float32[3]\na = Relu(x)\nb = Sigmoid(x)\ny = Add(a, b)\noutput y', name: 'different ops' },
  ]);
  await expectRewrite('eliminate-common-subexpressions', [
    { graph: 'input x: float32[3]\na = Relu(x)\nb = Relu(x)\ny = Add(a, b)\noutput y', ops: ['Relu', 'Add'] },
  ]);
});

test('cancel-transpose-pairs', async () => {
  expectNoMatch('cancel-transpose-pairs', [
    {
      graph:
        'input x: float32[2,3,4]\na = Transpose<perm=[1,0,2]>(x)\nb = Relu(a)\ny = Transpose<perm=[1,0,2]>(b)\noutput y',
      name: 'not adjacent',
    },
  ]);
  await expectRewrite(
    'cancel-transpose-pairs',
    [
      {
        graph:
          'input x: float32[2,3,4]\na = Transpose<perm=[0,2,1]>(x)\nb = Transpose<perm=[2,0,1]>(a)\ny = Relu(b)\noutput y',
        ops: ['Transpose', 'Relu'],
        name: 'merged into one',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test('expand-to-tile', async () => {
  expectNoMatch('expand-to-tile', [
    { graph: 'input x: float32[N,1]\nconst s: int64[2] = [1,4]\ny = Expand(x, s)\noutput y', name: 'symbolic dims' },
  ]);
  await expectRewrite(
    'expand-to-tile',
    [
      { graph: 'input x: float32[1,3,1]\nconst s: int64[3] = [2,3,4]\ny = Expand(x, s)\noutput y', ops: ['Tile'] },
      {
        graph: 'input x: float32[3,1]\nconst s: int64[3] = [2,3,4]\ny = Expand(x, s)\noutput y',
        ops: ['Reshape', 'Tile'],
        name: 'rank grows',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test('split-to-slice', async () => {
  expectNoMatch('split-to-slice', [
    { graph: 'opset 13\ninput x: float32[N,4]\na, b = Split<axis=0>(x)\noutput a\noutput b', name: 'sizes not static' },
  ]);
  await expectRewrite(
    'split-to-slice',
    [
      {
        graph:
          'opset 13\ninput x: float32[2,7]\nconst s: int64[2] = [3,4]\na, b = Split<axis=1>(x, s)\ny = Concat<axis=1>(b, a)\noutput y',
        ops: ['Slice', 'Slice', 'Concat'],
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test('gather-const-to-slice', async () => {
  expectNoMatch('gather-const-to-slice', [
    {
      graph: 'opset 13\ninput x: float32[4,3]\nconst i: int64[2] = [0,2]\ny = Gather(x, i)\noutput y',
      name: 'indices not consecutive',
    },
  ]);
  await expectRewrite(
    'gather-const-to-slice',
    [
      {
        graph: 'opset 13\ninput x: float32[1,5,3]\nconst i: int64[] = [-1]\ny = Gather<axis=1>(x, i)\noutput y',
        ops: ['Slice', 'Squeeze'],
        name: 'scalar index',
      },
      {
        graph: 'opset 13\ninput x: float32[1,5,3]\nconst i: int64[2] = [1,2]\ny = Gather<axis=1>(x, i)\noutput y',
        ops: ['Slice'],
        name: 'consecutive indices',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test('softmax-to-last-axis', async () => {
  expectNoMatch('softmax-to-last-axis', [
    { graph: 'opset 13\ninput x: float32[2,3,4]\ny = Softmax(x)\noutput y', name: 'already last' },
  ]);
  await expectRewrite('softmax-to-last-axis', [
    {
      graph: 'opset 13\ninput x: float32[2,3,4]\ny = LogSoftmax<axis=1>(x)\noutput y',
      ops: ['Transpose', 'LogSoftmax', 'Transpose'],
    },
  ]);
});

test('pool-ceil-to-pads', async () => {
  expectNoMatch('pool-ceil-to-pads', [
    {
      graph:
        'input x: float32[1,2,7,7]\ny = AveragePool<kernel_shape=[3,3], strides=[2,2], ceil_mode=1, count_include_pad=1>(x)\noutput y',
      name: 'average counting pads',
    },
  ]);
  await expectRewrite(
    'pool-ceil-to-pads',
    [
      {
        graph: 'input x: float32[1,2,8,8]\ny = MaxPool<kernel_shape=[3,3], strides=[2,2], ceil_mode=1>(x)\noutput y',
        ops: ['MaxPool'],
        name: 'SqueezeNet pooling',
      },
      {
        graph:
          'input x: float32[1,2,8,9]\ny = AveragePool<kernel_shape=[3,3], strides=[2,2], pads=[1,1,0,0], ceil_mode=1>(x)\noutput y',
        ops: ['AveragePool'],
        name: 'average, pads excluded',
      },
    ],
    { rtol: 1e-6, atol: 1e-6 },
  );
});

test('fuse-matmul-add-gemm', async () => {
  expectNoMatch('fuse-matmul-add-gemm', [
    {
      graph:
        'input x: float32[2,4,3]\nconst w: float32[3,5] = random(1)\nconst b: float32[5] = random(2)\na = MatMul(x, w)\ny = Add(a, b)\noutput y',
      name: '3-D input',
    },
  ]);
  await expectRewrite('fuse-matmul-add-gemm', [
    {
      graph:
        'input x: float32[4,3]\nconst w: float32[3,5] = random(1)\nconst b: float32[5] = random(2)\na = MatMul(x, w)\ny = Add(b, a)\noutput y',
      ops: ['Gemm'],
    },
  ]);
});

test('fuse-pad-into-conv', async () => {
  expectNoMatch('fuse-pad-into-conv', [
    {
      graph:
        'opset 13\ninput x: float32[1,2,5,5]\nconst p: int64[8] = [0,0,1,1,0,0,1,1]\nconst v: float32[] = [1]\na = Pad(x, p, v)\nconst w: float32[3,2,3,3] = random(1)\ny = Conv(a, w)\noutput y',
      name: 'padding with 1',
    },
  ]);
  await expectRewrite(
    'fuse-pad-into-conv',
    [
      {
        graph:
          'opset 13\ninput x: float32[1,2,5,5]\nconst p: int64[8] = [0,0,1,2,0,0,1,0]\na = Pad(x, p)\nconst w: float32[3,2,3,3] = random(1)\ny = Conv<pads=[1,1,1,1]>(a, w)\noutput y',
        ops: ['Conv'],
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('decompose-gelu-tanh', async () => {
  expectNoMatch('decompose-gelu-tanh', [
    { graph: 'opset 20\ninput x: float32[8]\ny = Gelu(x)\noutput y', name: 'the erf form is decompose-gelu' },
  ]);
  await expectRewrite(
    'decompose-gelu-tanh',
    [{ graph: 'opset 20\ninput x: float32[2,8]\ny = Gelu<approximate="tanh">(x)\noutput y' }],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test.run();
