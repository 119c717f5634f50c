/** Digit grouping without ICU writes what ICU's en-US number format writes. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupDigits } from '../../src/report/group-digits.js';

test('groupDigits equals toLocaleString("en-US") for integers of every length and sign (up to 20 digits)', () => {
  const values = [0, 7, 999, 1000, 25_610_152, 86_567_656, -1234567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
  for (let digits = 1; digits <= 20; digits++) values.push(Number('9'.repeat(digits)), 10 ** (digits - 1));
  for (const n of values) assert.is(groupDigits(n), n.toLocaleString('en-US'), String(n));
});

test('a value that is not a safe integer is written as it is', () => {
  assert.is(groupDigits(1.5), '1.5');
  assert.is(groupDigits(Number.NaN), 'NaN');
});

test.run();
