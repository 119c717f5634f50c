/** strided-slice-to-reshape: linter-style cases checked in onnxruntime (bit-exact: only data movement). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';

const slice = (shape: string, start: number, end: number, axis: number, step: number): string =>
  `opset 13\ninput x: float32${shape}\nconst s: int64[1] = [${start}]\nconst e: int64[1] = [${end}]\nconst a: int64[1] = [${axis}]\nconst p: int64[1] = [${step}]\ny = Slice(x, s, e, a, p)\noutput y`;
const BIG = 2 ** 63; // INT64_MAX as PyTorch writes it, rounded to the nearest double

test('strided-slice-to-reshape', async () => {
  expectNoMatch('strided-slice-to-reshape', [
    { graph: slice('[1,3,8,8]', 0, BIG, 2, 1), name: 'step 1' },
    { graph: slice('[1,3,7,8]', 0, BIG, 2, 2), name: 'size not divisible by the step' },
    { graph: slice('[1,3,8,8]', 0, 6, 2, 2), name: 'does not run to the end' },
    { graph: slice('[1,3,8,8]', 2, BIG, 2, 2), name: 'start past the first period' },
    { graph: slice('[4,3,8,8]', 0, BIG, 0, 2), name: 'batch axis' },
    { graph: slice('[1,3,8,8]', -1, -BIG, 3, -1), name: 'negative step (a reversal)' },
  ]);
  await expectRewrite(
    'strided-slice-to-reshape',
    [
      { graph: slice('[1,3,8,6]', 0, BIG, 2, 2), ops: ['Reshape', 'Slice', 'Reshape'], name: 'H, offset 0' },
      { graph: slice('[1,3,8,6]', 1, BIG, 2, 2), ops: ['Reshape', 'Slice', 'Reshape'], name: 'H, offset 1' },
      {
        graph: slice('[1,3,8,6]', 1, BIG, -1, 2),
        ops: ['Reshape', 'Slice', 'Reshape'],
        name: 'W (last axis), offset 1',
      },
      { graph: slice('[1,3,8,6]', 2, 6, 3, 3), ops: ['Reshape', 'Slice', 'Reshape'], name: 'W, step 3, end = size' },
      { graph: slice('[1,12,5]', 0, BIG, 1, 4), ops: ['Reshape', 'Slice', 'Reshape'], name: '3-D' },
    ],
    { rtol: 0, atol: 0 },
  );
});

test('strided-slice-to-reshape: the YOLOv5 Focus layer loses every strided Slice and keeps rank ≤ 4', async () => {
  const focus =
    `opset 13\ninput x: float32[1,3,8,8]\nconst z: int64[1] = [0]\nconst o: int64[1] = [1]\nconst e: int64[1] = [${BIG}]\nconst h: int64[1] = [2]\nconst w: int64[1] = [3]\nconst two: int64[1] = [2]\n` +
    'a = Slice(x, z, e, h, two)\nb = Slice(x, o, e, h, two)\naa = Slice(a, z, e, w, two)\nba = Slice(b, z, e, w, two)\nab = Slice(a, o, e, w, two)\nbb = Slice(b, o, e, w, two)\ny = Concat<axis=1>(aa, ba, ab, bb)\noutput y';
  await expectRewrite('strided-slice-to-reshape', [{ graph: focus }], { rtol: 0, atol: 0 });
  const { parseModelText } = await import('../../src/ir/text.js');
  const { runRewrites } = await import('../../src/rewrite/engine.js');
  const m = parseModelText(focus);
  runRewrites(m, new Set(['strided-slice-to-reshape']));
  assert.is(m.graph.nodes.filter((n) => n.op === 'Slice' && n.inputs.length > 4).length, 0);
  assert.ok(m.graph.nodes.every((n) => n.outputs.every((v) => (v?.shape?.length ?? 0) <= 4)));
});

test.run();
