/** Channel shuffle rewrites: linter-style cases checked in onnxruntime. */
import { test } from 'uvu';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';

const shuffle = (perm = '[0,2,1,3,4]'): string =>
  'input x: float32[1,6,3,5]\nconst s5: int64[5] = [1,2,3,3,5]\na = Reshape(x, s5)\n' +
  `b = Transpose<perm=${perm}>(a)\nconst s4: int64[4] = [1,6,3,5]\ny = Reshape(b, s4)\noutput y`;

test('channel-shuffle-to-4d', async () => {
  expectNoMatch('channel-shuffle-to-4d', [
    { graph: shuffle('[0,1,2,4,3]'), name: 'a transpose that moves H and W' },
    {
      graph: 'input x: float32[1,2,3,3,5]\nb = Transpose<perm=[0,2,1,3,4]>(x)\noutput b',
      name: 'no Reshape before it',
    },
    {
      graph:
        'input x: float32[1,6,3,5]\nconst s5: int64[5] = [1,2,3,3,5]\na = Reshape(x, s5)\nb = Transpose<perm=[0,2,1,3,4]>(a)\nc = Relu(a)\noutput b\noutput c',
      name: 'the 5-D value has other users',
    },
  ]);
  await expectRewrite('channel-shuffle-to-4d', [{ graph: shuffle(), ops: ['Reshape', 'Transpose', 'Reshape'] }], {
    rtol: 0,
    atol: 0,
  });
});

test.run();
