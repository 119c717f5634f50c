/** Byte-level transpose (used to fold transposed weights) equals the evaluator's transpose for every element width and several permutations. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Tensor } from '../../src/ir/tensor.js';
import { numbersToBytes, tensorToNumbers } from '../../src/ir/typed-data.js';
import { transposeBytes } from '../../src/eval/transpose-bytes.js';
import { transpose } from '../../src/eval/kernels-shape.js';
import { ndFromTensor } from '../../src/eval/nd.js';

test('float32, float16, int8, int64 tensors under 2-D to 5-D permutations', () => {
  const cases: [number[], number[]][] = [
    [
      [3, 5],
      [1, 0],
    ],
    [
      [2, 3, 4],
      [2, 0, 1],
    ],
    [
      [2, 3, 4, 5],
      [0, 3, 1, 2],
    ],
    [
      [2, 1, 3, 2, 2],
      [4, 2, 0, 3, 1],
    ],
    [[7], [0]],
  ];
  for (const dtype of ['float32', 'float16', 'int8', 'int64'] as const) {
    for (const [dims, perm] of cases) {
      const n = dims.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: n }, (_, i) => (dtype === 'int8' ? (i % 200) - 100 : i * 0.5 - 3));
      const t = Tensor.fromBytes(dtype, dims, numbersToBytes(dtype, values));
      const got = transposeBytes(t, perm)!;
      const want = transpose(ndFromTensor(t)!, perm);
      assert.equal(got.dims, want.dims, `${dtype} ${dims} ${perm}`);
      assert.equal(tensorToNumbers(got), want.data, `${dtype} ${dims} ${perm}`);
    }
  }
});

test.run();
