/** Normalisation decompositions and Resize form changes: linter-style cases checked in onnxruntime. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { randomInput, runOrt } from '../helpers/ort.js';

test('decompose-instancenorm', async () => {
  expectNoMatch('decompose-instancenorm', [
    { graph: 'input x: float32[4,3]\nconst s: float32[3] = [1,1,1]\ny = Relu(x)\noutput y' },
  ]);
  await expectRewrite(
    'decompose-instancenorm',
    [
      {
        graph:
          'opset 13\ninput x: float32[1,3,4,5]\nconst s: float32[3] = random(1)\nconst b: float32[3] = random(2)\ny = InstanceNormalization<epsilon=0.00001>(x, s, b)\noutput y',
      },
      {
        graph:
          'opset 18\ninput x: float32[2,3,6]\nconst s: float32[3] = random(1)\nconst b: float32[3] = random(2)\ny = InstanceNormalization(x, s, b)\noutput y',
        name: 'opset 18 (ReduceMean axes input), 1-D spatial',
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('decompose-groupnorm', async () => {
  expectNoMatch('decompose-groupnorm', [
    {
      graph:
        'opset 21\ninput x: float32[N,6,4,4]\nconst s: float32[6] = random(1)\nconst b: float32[6] = random(2)\ny = GroupNormalization<num_groups=3>(x, s, b)\noutput y',
      name: 'dynamic batch',
    },
  ]);
  await expectRewrite(
    'decompose-groupnorm',
    [
      {
        graph:
          'opset 21\ninput x: float32[2,6,4,4]\nconst s: float32[6] = random(1)\nconst b: float32[6] = random(2)\ny = GroupNormalization<num_groups=3, epsilon=0.00001>(x, s, b)\noutput y',
        name: 'opset 21, per channel',
      },
    ],
    { rtol: 1e-5, atol: 1e-5 },
  );
});

test('upsample-to-resize', async () => {
  const g = (opset: number): string =>
    `opset ${opset}\ninput x: float32[1,2,3,4]\nconst s: float32[4] = [1,1,2,3]\ny = Upsample<mode="nearest">(x, s)\noutput y`;
  expectNoMatch('upsample-to-resize', [{ graph: g(9), name: 'opset 9 has no Resize-11' }]);
  // onnxruntime refuses the deprecated Upsample at opset 11: compare with the same Upsample at opset 9
  const m = parseModelText(g(11));
  const run = runRewrites(m, new Set(['upsample-to-resize']));
  assert.equal([run.applications.length, m.graph.nodes.map((n) => n.op)], [1, ['Resize']]);
  const x = randomInput([1, 2, 3, 4], 3);
  const a = await runOrt(parseModelText(g(9)), { x }),
    b = await runOrt(m, { x });
  assert.equal(Array.from(b.y!.data as Float32Array), Array.from(a.y!.data as Float32Array));
});

test('resize-scales-to-sizes', async () => {
  expectNoMatch('resize-scales-to-sizes', [
    {
      graph:
        'opset 13\ninput x: float32[1,2,3,4]\nconst s: float32[4] = [1,1,1.5,1.5]\ny = Resize<mode="linear">(x, , s)\noutput y',
      name: 'sizes would imply other scales',
    },
  ]);
  await expectRewrite(
    'resize-scales-to-sizes',
    [
      {
        graph:
          'opset 13\ninput x: float32[1,2,3,4]\nconst s: float32[4] = [1,1,2,1.5]\ny = Resize<mode="linear">(x, , s)\noutput y',
        ops: ['Resize'],
      },
    ],
    { rtol: 1e-6, atol: 1e-6 },
  );
});

test('resize-sizes-to-scales', async () => {
  expectNoMatch('resize-sizes-to-scales', [
    {
      graph:
        'opset 13\ninput x: float32[1,2,3,4]\nconst z: int64[4] = [1,2,5,4]\ny = Resize<mode="linear">(x, , , z)\noutput y',
      name: '5/3 is no exact scale',
    },
  ]);
  await expectRewrite(
    'resize-sizes-to-scales',
    [
      {
        graph:
          'opset 13\ninput x: float32[1,2,3,4]\nconst z: int64[4] = [1,2,6,2]\ny = Resize<mode="linear">(x, , , z)\noutput y',
        ops: ['Resize'],
      },
    ],
    { rtol: 1e-6, atol: 1e-6 },
  );
});

test.run();
