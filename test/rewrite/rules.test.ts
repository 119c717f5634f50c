/** Every rewrite rule: graphs it must leave alone, graphs it must rewrite, numerically equal in onnxruntime. */
import { test } from 'uvu';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';

test('eliminate-identity', async () => {
  expectNoMatch('eliminate-identity', [
    { graph: 'input x: float32[2,3]\ny = Identity(x)\noutput y', name: 'input straight to output keeps its Identity' },
  ]);
  await expectRewrite('eliminate-identity', [
    { graph: 'input x: float32[2,3]\na = Relu(x)\nb = Identity(a)\ny = Neg(b)\noutput y', ops: ['Relu', 'Neg'] },
    {
      graph: 'input x: float32[2,3]\na = Relu(x)\ny = Identity(a)\noutput y',
      ops: ['Relu'],
      name: 'into a graph output',
    },
  ]);
});

test('eliminate-dropout', async () => {
  expectNoMatch('eliminate-dropout', [
    {
      graph:
        'input x: float32[4]\nconst t: bool[] = [1]\nconst r: float32[] = [0.5]\na, m = Dropout(x, r, t)\noutput a\noutput m',
      name: 'training mode',
    },
  ]);
  await expectRewrite('eliminate-dropout', [
    { graph: 'input x: float32[4]\na = Dropout(x)\ny = Relu(a)\noutput y', ops: ['Relu'] },
  ]);
});

test('fold-constants (with the size cap)', async () => {
  expectNoMatch('fold-constants', [
    { graph: 'input x: float32[4]\nconst c: float32[4] = fill(2)\ny = Add(x, c)\noutput y' },
    {
      graph:
        'input x: float32[1]\nconst s: int64[2] = [1024, 1024]\nbig = ConstantOfShape<value="">(s)\ny = Add(x, x)\noutput y\noutput big',
      name: 'a constant larger than its inputs and 4 kB is not materialized',
    },
  ]);
  await expectRewrite('fold-constants', [
    {
      graph:
        'input x: float32[4]\nconst a: float32[4] = [1,2,3,4]\nconst b: float32[4] = fill(2)\nc = Mul(a, b)\nd = Sqrt(c)\ny = Add(x, d)\noutput y',
      ops: ['Add'],
    },
  ]);
});

test('fold-shape-arithmetic: PyTorch shape glue disappears with static shapes', async () => {
  expectNoMatch('fold-shape-arithmetic', [
    { graph: 'input x: float32[N,3]\ns = Shape(x)\ny = Reshape(x, s)\noutput y', name: 'symbolic dims' },
  ]);
  const glue =
    'input x: float32[2,3,4]\ns = Shape(x)\nconst i: int64[1] = [0]\nn = Gather(s, i)\nconst m: int64[1] = [-1]\nt = Concat<axis=0>(n, m)\ny = Reshape(x, t)\noutput y';
  await expectRewrite('fold-shape-arithmetic', [{ graph: glue, ops: ['Gather', 'Concat', 'Reshape'] }]);
});

test('fold-shape-arithmetic then fold-constants leave only the Reshape', async () => {
  const { parseModelText } = await import('../../src/ir/text.js');
  const { runRewrites } = await import('../../src/rewrite/engine.js');
  const m = parseModelText(
    'input x: float32[2,3,4]\ns = Shape(x)\nconst i: int64[1] = [0]\nn = Gather(s, i)\nconst m: int64[1] = [-1]\nt = Concat<axis=0>(n, m)\ny = Reshape(x, t)\noutput y',
  );
  runRewrites(m, new Set(['fold-shape-arithmetic', 'fold-constants']));
  const assert = await import('uvu/assert');
  assert.equal(
    m.graph.nodes.map((n) => n.op),
    ['Reshape'],
  );
  assert.equal(m.graph.outputs[0]!.shape, [2, 12]);
});

test('decompose-hardswish', async () => {
  expectNoMatch('decompose-hardswish', [{ graph: 'opset 10\ninput x: float32[8]\ny = Relu(x)\noutput y' }]);
  await expectRewrite('decompose-hardswish', [
    { graph: 'opset 14\ninput x: float32[2,8]\ny = HardSwish(x)\noutput y', ops: ['Add', 'Clip', 'Mul', 'Div'] },
  ]);
});

test('decompose-hardsigmoid', async () => {
  await expectRewrite('decompose-hardsigmoid', [
    {
      graph: 'opset 13\ninput x: float32[2,8]\ny = HardSigmoid<alpha=0.16666667, beta=0.5>(x)\noutput y',
      ops: ['Mul', 'Add', 'Clip'],
    },
  ]);
});

test('decompose-gelu', async () => {
  expectNoMatch('decompose-gelu', [
    {
      graph: 'opset 20\ninput x: float32[8]\ny = Gelu<approximate="tanh">(x)\noutput y',
      name: 'the tanh form is another rule',
    },
  ]);
  await expectRewrite(
    'decompose-gelu',
    [{ graph: 'opset 20\ninput x: float32[2,8]\ny = Gelu(x)\noutput y', ops: ['Div', 'Erf', 'Add', 'Mul', 'Mul'] }],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('decompose-mish', async () => {
  await expectRewrite(
    'decompose-mish',
    [{ graph: 'opset 18\ninput x: float32[2,8]\ny = Mish(x)\noutput y', ops: ['Softplus', 'Tanh', 'Mul'] }],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('decompose-softplus', async () => {
  await expectRewrite(
    'decompose-softplus',
    [
      {
        graph: 'input x: float32[2,8]\ny = Softplus(x)\noutput y',
        ops: ['Abs', 'Neg', 'Exp', 'Add', 'Log', 'Relu', 'Add'],
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('decompose-prelu', async () => {
  await expectRewrite('decompose-prelu', [
    {
      graph: 'input x: float32[1,3,4,4]\nconst s: float32[3,1,1] = [0.1,0.2,0.3]\ny = PRelu(x, s)\noutput y',
      ops: ['Relu', 'Neg', 'Relu', 'Mul', 'Sub'],
    },
  ]);
});

test('decompose-layernorm', async () => {
  expectNoMatch('decompose-layernorm', [
    {
      graph:
        'opset 17\ninput x: float32[2,8]\nconst g: float32[8] = fill(1)\ny, m = LayerNormalization(x, g)\nz = Relu(m)\noutput y\noutput z',
      name: 'Mean output used',
    },
  ]);
  await expectRewrite(
    'decompose-layernorm',
    [
      {
        graph:
          'opset 17\ninput x: float32[2,4,8]\nconst g: float32[8] = random(4)\nconst b: float32[8] = random(5)\ny = LayerNormalization<axis=-1, epsilon=0.00001>(x, g, b)\noutput y',
      },
      {
        graph:
          'opset 18\ninput x: float32[2,4,8]\nconst g: float32[4,8] = random(4)\ny = LayerNormalization<axis=1>(x, g)\noutput y',
        name: 'opset 18 (axes as an input), two axes',
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('fuse-conv-bn', async () => {
  expectNoMatch('fuse-conv-bn', [
    {
      graph:
        'input x: float32[1,2,4,4]\ninput w: float32[3,2,1,1]\nc = Conv(x, w)\nconst s: float32[3] = [1,2,3]\nconst b: float32[3] = [0,1,0]\nconst m: float32[3] = [0.1,0.2,0.3]\nconst v: float32[3] = [1,2,0.5]\ny = BatchNormalization(c, s, b, m, v)\noutput y',
      name: 'non-constant weights',
    },
  ]);
  await expectRewrite(
    'fuse-conv-bn',
    [
      {
        graph:
          'input x: float32[1,2,5,5]\nconst w: float32[3,2,3,3] = random(3)\nconst cb: float32[3] = [0.5,-0.5,0]\nc = Conv<pads=[1,1,1,1]>(x, w, cb)\nconst s: float32[3] = [1,2,3]\nconst b: float32[3] = [0,1,0]\nconst m: float32[3] = [0.1,0.2,0.3]\nconst v: float32[3] = [1,2,0.5]\ny = BatchNormalization<epsilon=0.001>(c, s, b, m, v)\noutput y',
        ops: ['Conv'],
      },
    ],
    { rtol: 1e-5, atol: 1e-4 },
  );
});

test('freeze-input-shapes', async () => {
  expectNoMatch('freeze-input-shapes', [{ graph: 'input x: float32[1,3]\ny = Relu(x)\noutput y' }]);
  const { parseModelText } = await import('../../src/ir/text.js');
  const { runRewrites } = await import('../../src/rewrite/engine.js');
  const assert = await import('uvu/assert');
  const m = parseModelText('input x: float32[N,3,H,8]\ny = Relu(x)\noutput y');
  runRewrites(m, new Set(['freeze-input-shapes']));
  assert.equal(m.graph.inputs[0]!.shape, [1, 3, 1, 8]);
  assert.equal(m.graph.outputs[0]!.shape, [1, 3, 1, 8]);
  const m2 = parseModelText('input x: float32[N,3,H,8]\ny = Relu(x)\noutput y');
  runRewrites(m2, new Set(['freeze-input-shapes']), { inputShapes: new Map([['x', [2, 3, 16, 8]]]) });
  assert.equal(m2.graph.outputs[0]!.shape, [2, 3, 16, 8]);
});

test.run();
