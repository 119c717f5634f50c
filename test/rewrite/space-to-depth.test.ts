/** The written-out space-to-depth (YOLOv2's reorg as PyTorch exports it) fused into SpaceToDepth, checked in onnxruntime. */
import { test } from 'uvu';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';

const reorg = (b: number, perm = '[0,3,5,1,2,4]', c = 3, h = 6, w = 12): string =>
  `input x: float32[1,${c},${h},${w}]\nconst s6: int64[6] = [1,${c},${h / b},${b},${w / b},${b}]\na = Reshape(x, s6)\n` +
  `t = Transpose<perm=${perm}>(a)\nconst s4: int64[4] = [1,${c * b * b},${h / b},${w / b}]\ny = Reshape(t, s4)\nrelu = Relu(y)\noutput relu`;

test('fuse-space-to-depth', async () => {
  expectNoMatch('fuse-space-to-depth', [
    { graph: reorg(2, '[0,1,3,5,2,4]'), name: 'the CRD order (channel outermost), which SpaceToDepth does not write' },
    {
      graph:
        'input x: float32[1,3,6,12]\nconst s6: int64[6] = [1,3,3,2,6,2]\na = Reshape(x, s6)\nt = Transpose<perm=[0,3,5,1,2,4]>(a)\nb = Relu(a)\nconst s4: int64[4] = [1,12,3,6]\ny = Reshape(t, s4)\noutput y\noutput b',
      name: 'the 6-D value has another user',
    },
  ]);
  await expectRewrite(
    'fuse-space-to-depth',
    [
      { graph: reorg(2), ops: ['SpaceToDepth', 'Relu'], name: 'block 2' },
      { graph: reorg(3, undefined, 4, 9, 6), ops: ['SpaceToDepth', 'Relu'], name: 'block 3' },
    ],
    { rtol: 0, atol: 0 },
  );
});

test.run();
