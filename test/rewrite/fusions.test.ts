/** Re-fusions (when the target runs the fused op) and the SiLU decomposition: linter-style cases checked in onnxruntime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';

test('fuse-hardswish', async () => {
  expectNoMatch('fuse-hardswish', [
    {
      graph: 'opset 13\ninput x: float32[2,8]\nh = HardSigmoid<alpha=0.16666667, beta=0.5>(x)\ny = Mul(x, h)\noutput y',
      name: 'opset 13 has no HardSwish',
    },
    {
      graph: 'opset 14\ninput x: float32[2,8]\nh = HardSigmoid(x)\ny = Mul(x, h)\noutput y',
      name: 'default alpha 0.2 is not hardswish',
    },
  ]);
  await expectRewrite('fuse-hardswish', [
    {
      graph: 'opset 14\ninput x: float32[2,8]\nh = HardSigmoid<alpha=0.16666667, beta=0.5>(x)\ny = Mul(h, x)\noutput y',
      ops: ['HardSwish'],
    },
  ]);
});

test('fuse-hardsigmoid', async () => {
  expectNoMatch('fuse-hardsigmoid', [
    {
      graph:
        'opset 13\ninput x: float32[8]\nconst t: float32[] = [2]\nconst z: float32[] = [0]\nconst s: float32[] = [6]\na = Add(x, t)\nc = Clip(a, z, s)\ny = Div(c, s)\noutput y',
      name: 'x + 2',
    },
  ]);
  await expectRewrite('fuse-hardsigmoid', [
    {
      graph:
        'opset 13\ninput x: float32[2,8]\nconst t: float32[] = [3]\nconst z: float32[] = [0]\nconst s: float32[] = [6]\na = Add(x, t)\nc = Clip(a, z, s)\ny = Div(c, s)\noutput y',
      ops: ['HardSigmoid'],
    },
  ]);
});

test('fuse-gelu', async () => {
  const gelu = (opset: number): string =>
    `opset ${opset}\ninput x: float32[2,8]\nconst r: float32[] = [1.4142135]\nconst one: float32[] = [1]\nconst h: float32[] = [0.5]\na = Div(x, r)\ne = Erf(a)\nb = Add(e, one)\nm = Mul(x, b)\ny = Mul(m, h)\noutput y`;
  expectNoMatch('fuse-gelu', [{ graph: gelu(17), name: 'Gelu exists from opset 20' }]);
  await expectRewrite('fuse-gelu', [{ graph: gelu(20), ops: ['Gelu'] }], { rtol: 1e-5, atol: 1e-6 });
  const m = parseModelText(gelu(17));
  runRewrites(m, new Set(['fuse-gelu']), { forExport: true });
  assert.equal(
    m.graph.nodes.map((n) => n.op),
    ['Gelu'],
    'an exporter fuses at any opset',
  );
});

test('fuse-mish', async () => {
  await expectRewrite(
    'fuse-mish',
    [
      {
        graph: 'opset 18\ninput x: float32[2,8]\ns = Softplus(x)\nt = Tanh(s)\ny = Mul(x, t)\noutput y',
        ops: ['Mish'],
      },
    ],
    { rtol: 1e-5, atol: 1e-6 },
  );
  expectNoMatch('fuse-mish', [
    {
      graph:
        'opset 18\ninput x: float32[2,8]\ninput z: float32[2,8]\ns = Softplus(x)\nt = Tanh(s)\ny = Mul(z, t)\noutput y',
      name: 'multiplies another tensor',
    },
  ]);
});

test('fuse-layernorm', async () => {
  const ln =
    'opset 17\ninput x: float32[2,5,8]\na = ReduceMean<axes=[-1]>(x)\nd = Sub(x, a)\nconst two: float32[] = [2]\np = Pow(d, two)\nv = ReduceMean<axes=[-1]>(p)\nconst e: float32[] = [0.00001]\nve = Add(v, e)\ns = Sqrt(ve)\nn = Div(d, s)\nconst g: float32[8] = random(3)\nconst b: float32[8] = random(4)\nm = Mul(n, g)\ny = Add(m, b)\noutput y';
  expectNoMatch('fuse-layernorm', [
    { graph: ln.replace('opset 17', 'opset 13'), name: 'no LayerNormalization before 17' },
    { graph: ln.replace('axes=[-1]>(x)', 'axes=[1]>(x)'), name: 'means over different axes' },
  ]);
  await expectRewrite(
    'fuse-layernorm',
    [
      { graph: ln, ops: ['LayerNormalization'] },
      {
        graph: ln.replace('g: float32[8]', 'g: float32[1,1,8]').replace('b: float32[8]', 'b: float32[1,8]'),
        ops: ['LayerNormalization'],
        name: 'γ, β with leading 1s (made rank-equal for broadcasting)',
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
  expectNoMatch('fuse-layernorm', [
    { graph: ln.replace('g: float32[8]', 'g: float32[2,1,8]'), name: 'γ varies along a leading axis' },
  ]);
  // an exporter (ncnn) fuses at any opset: the graph is not run by an ONNX runtime
  const m = parseModelText(ln.replace('opset 17', 'opset 13'));
  runRewrites(m, new Set(['fuse-layernorm']), { forExport: true });
  assert.equal(
    m.graph.nodes.map((n) => n.op),
    ['LayerNormalization'],
  );
});

test('fuse-conv-add-mul', async () => {
  const conv = (tail: string): string =>
    `input x: float32[1,2,5,5]\nconst w: float32[3,2,3,3] = random(1)\nconst cb: float32[3] = [0.5,-0.5,0]\nc = Conv<pads=[1,1,1,1]>(x, w, cb)\n${tail}`;
  expectNoMatch('fuse-conv-add-mul', [
    {
      graph: conv('const k: float32[3] = [1,2,3]\ny = Add(c, k)\noutput y'),
      name: '[3] broadcasts over W, not channels',
    },
  ]);
  await expectRewrite(
    'fuse-conv-add-mul',
    [
      {
        graph: conv('const k: float32[3,1,1] = [1,2,3]\ny = Add(c, k)\noutput y'),
        ops: ['Conv'],
        name: 'Add per channel',
      },
      {
        graph: conv('const k: float32[1,3,1,1] = [0.5,2,-3]\ny = Mul(k, c)\noutput y'),
        ops: ['Conv'],
        name: 'Mul per channel',
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('decompose-silu', async () => {
  await expectRewrite(
    'decompose-silu',
    [{ graph: 'opset 24\ninput x: float32[2,8]\ny = Swish(x)\noutput y', ops: ['Sigmoid', 'Mul'] }],
    { rtol: 1e-5, atol: 1e-6 },
  );
});

test('broadcast-to-same-rank', async () => {
  expectNoMatch('broadcast-to-same-rank', [
    { graph: 'input x: float32[1,3,4]\nconst b: float32[] = [2]\ny = Add(x, b)\noutput y', name: 'a scalar' },
    {
      graph: 'input x: float32[1,3,4]\nconst b: float32[1,1,4] = random(1)\ny = Add(x, b)\noutput y',
      name: 'same rank',
    },
  ]);
  await expectRewrite(
    'broadcast-to-same-rank',
    [
      { graph: 'input x: float32[1,3,4]\nconst b: float32[4] = random(1)\ny = Add(x, b)\noutput y', ops: ['Add'] },
      {
        graph: 'input x: float32[1,2,3,4]\nconst s: float32[3,1] = random(2)\ny = Mul(s, x)\noutput y',
        ops: ['Mul'],
        name: 'constant first',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test.run();
