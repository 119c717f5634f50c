/** Resize rewrites: linter-style cases checked in onnxruntime. */
import { test } from 'uvu';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';

const resize = (attrs: string, scales = '[1,1,2,3]', out = '[1,2,6,12]'): string =>
  `opset 13\ninput x: float32[1,2,3,4]\nconst s: float32[4] = ${scales}\ny = Resize<${attrs}>(x, , s)\noutput y: float32${out}`;

test('resize-nearest-to-half-pixel', async () => {
  expectNoMatch('resize-nearest-to-half-pixel', [
    {
      graph: resize('mode="nearest", coordinate_transformation_mode="asymmetric"'),
      name: 'round_prefer_floor picks other pixels',
    },
    { graph: resize('mode="linear", coordinate_transformation_mode="asymmetric"'), name: 'linear' },
    {
      graph: resize(
        'mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor"',
        '[1,1,1.5,2]',
        '[1,2,4,8]',
      ),
      name: 'non-integer scale',
    },
    {
      graph: resize('mode="nearest", coordinate_transformation_mode="half_pixel", nearest_mode="floor"'),
      name: 'already half_pixel',
    },
  ]);
  await expectRewrite(
    'resize-nearest-to-half-pixel',
    [
      {
        graph: resize('mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor"'),
        ops: ['Resize'],
        name: 'scales 2 and 3',
      },
      {
        graph: resize(
          'mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor"',
          '[1,1,5,7]',
          '[1,2,15,28]',
        ),
        ops: ['Resize'],
        name: 'scales 5 and 7',
      },
    ],
    { rtol: 0, atol: 0 },
  );
});

test.run();
