/** NNIE log quantization against the documented interval table (MQBench nnie.rst), values worked out here. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nnieFakeQuant, nnieFakeQuantValue, nnieZ } from '../../src/quant/nnie-log-quant.js';

const close = (a: number, b: number): void =>
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

test('z = round(16·log2 c) − 127; the clip value itself is code 127', () => {
  assert.is(nnieZ(16), 64 - 127);
  const z = nnieZ(16);
  close(nnieFakeQuantValue(16, z), 16);
  close(nnieFakeQuantValue(1000, z), 16); // [2^((z+126.5)/16), ∞) → code 127
  close(nnieFakeQuantValue(-1000, z), -16);
});

test('the table rows: codes 0, 1, −1, −0 and their interval edges', () => {
  const z = -63;
  close(nnieFakeQuantValue(1, z), 1); // 16·log2 1 − z = 63 → 2^0
  close(nnieFakeQuantValue(2 ** (z / 16 - 1), z), 2 ** (z / 16)); // lower edge of code 0 (inclusive)
  assert.is(nnieFakeQuantValue(2 ** (z / 16 - 1) * 0.999, z), 0); // just below → −0
  close(nnieFakeQuantValue(2 ** ((z + 0.75) / 16), z), 2 ** ((z + 1) / 16)); // inside [2^((z+.5)/16), 2^((z+1.5)/16)) → 1
  close(nnieFakeQuantValue(-(2 ** (z / 16)), z), -(2 ** ((z + 1) / 16))); // negatives start at code −1
  assert.is(nnieFakeQuantValue(-(2 ** ((z + 1) / 16 - 1)), z), 0); // the −0 interval is closed on the left
});

test('log spacing: relative error is bounded by 2^(1/32) − 1 inside the range, unlike a linear grid', () => {
  const z = nnieZ(8);
  // the range is [2^(z/16), 8], 2^(−79/16) ≈ 0.033
  for (const x of [0.05, 0.1, 0.37, 1.9, 7.5]) {
    const rel = Math.abs(nnieFakeQuantValue(x, z) - x) / x;
    assert.ok(rel <= 2 ** (1 / 32) - 1 + 1e-12, `${x}: ${rel}`);
  }
});

test('the array form (levels computed once) equals the value form element by element, edges included', () => {
  for (const z of [nnieZ(16), -63, nnieZ(0.01)]) {
    const edges = [z / 16 - 1, (z + 1) / 16 - 1, (z + 0.5) / 16, (z + 126.5) / 16].map((e) => 2 ** e);
    const values = [0, -0, NaN, 1e9, -1e9, ...edges, ...edges.map((e) => -e), ...edges.map((e) => e * 0.999)];
    for (let i = 0; i < 2000; i++) values.push(Math.sin(i) * 2 ** ((i % 40) - 20));
    const array = nnieFakeQuant(values, z);
    values.forEach((x, i) =>
      assert.ok(
        Object.is(array[i], Math.fround(nnieFakeQuantValue(x, z))) ||
          (array[i] === 0 && nnieFakeQuantValue(x, z) === 0),
        `z ${z}, ${x}`,
      ),
    );
  }
});

test.run();
