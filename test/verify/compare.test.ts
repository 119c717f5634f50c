/** The output comparison (src/verify/compare.ts): what must fail fails, what is equal passes. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareOutputs, compareTensors } from '../../src/verify/compare.js';

const ref = { dtype: 'float32', dims: [2, 3], data: Float32Array.from([0.5, -1, 2, 3.25, 0, -7]) };
const tol = { rtol: 1e-5, atol: 1e-6 };
const withData = (data: number[]): typeof ref => ({ ...ref, data: Float32Array.from(data) });

test('identical outputs pass, and NaN where the reference is NaN is equal', () => {
  assert.ok(compareTensors(ref, ref, tol).ok);
  const nanRef = withData([NaN, 1, 2, 3, Infinity, -Infinity]);
  const c = compareTensors(withData([NaN, 1, 2, 3, Infinity, -Infinity]), nanRef, tol);
  assert.ok(c.ok, c.problem);
  assert.is(c.nonFinite, 0);
});

test('all-NaN outputs fail where the reference is finite', () => {
  const c = compareTensors(withData(Array(6).fill(NaN)), ref, tol);
  assert.not.ok(c.ok);
  assert.is(c.nonFinite, 6);
  assert.is(c.maxAbs, Infinity, 'a bound on maxAbs alone also fails');
  assert.is(c.maxRel, Infinity);
});

test('one NaN, an Inf, or the opposite infinity fails', () => {
  assert.not.ok(compareTensors(withData([0.5, -1, 2, 3.25, 0, NaN]), ref, tol).ok);
  assert.not.ok(compareTensors(withData([0.5, -1, Infinity, 3.25, 0, -7]), ref, tol).ok);
  const infRef = withData([Infinity, 1, 1, 1, 1, 1]);
  assert.not.ok(compareTensors(withData([-Infinity, 1, 1, 1, 1, 1]), infRef, tol).ok);
  assert.not.ok(compareTensors(withData([1e30, 1, 1, 1, 1, 1]), infRef, tol).ok, 'finite where the reference is Inf');
  assert.not.ok(compareTensors(withData([1, 1, 1, 1, 1, 1]), withData([NaN, 1, 1, 1, 1, 1]), tol).ok);
});

test('a length mismatch fails, even when the common prefix is equal', () => {
  const c = compareTensors({ data: Float32Array.from([0.5, -1, 2]) }, { data: ref.data }, tol);
  assert.not.ok(c.ok);
  assert.match(c.problem!, /3 elements, expected 6/);
  assert.not.ok(compareTensors({ data: Float32Array.from([...ref.data, 0]) }, { data: ref.data }, tol).ok);
});

test('a shape mismatch with the same element count fails, and so does a dtype mismatch', () => {
  const c = compareTensors({ ...ref, dims: [3, 2] }, ref, tol);
  assert.not.ok(c.ok);
  assert.match(c.problem!, /shape \[3,2\], expected \[2,3\]/);
  assert.not.ok(compareTensors({ ...ref, dtype: 'float64', data: Float64Array.from(ref.data) }, ref, tol).ok);
});

test('every output is compared: a missing output, an extra output and a bad second output fail', () => {
  const expected = { a: ref, b: ref };
  assert.ok(compareOutputs({ a: ref, b: ref }, expected, tol).ok);
  const fewer = compareOutputs({ a: ref }, expected, tol);
  assert.not.ok(fewer.ok);
  assert.equal(
    fewer.outputs.map((o) => [o.output, o.ok, o.problem]),
    [
      ['a', true, undefined],
      ['b', false, 'missing output'],
    ],
  );
  assert.not.ok(compareOutputs({ a: ref, b: ref, c: ref }, expected, tol).ok);
  assert.not.ok(compareOutputs({ a: ref, b: withData([0.5, -1, 2, 3.25, 0, 7]) }, expected, tol).ok);
  assert.not.ok(compareOutputs({}, {}, tol).ok, 'nothing compared is not a pass');
});

test('closeness: within rtol of the range or atol passes, beyond fails; element mode is allclose', () => {
  // range of ref is 10.25: an error of 1e-5 is 9.8e-7 relative
  assert.ok(compareTensors(withData([0.5 + 1e-5, -1, 2, 3.25, 0, -7]), ref, tol).ok);
  assert.not.ok(compareTensors(withData([0.5 + 1e-3, -1, 2, 3.25, 0, -7]), ref, tol).ok);
  const element = { rtol: 1e-5, atol: 1e-6, relativeTo: 'element' as const };
  assert.not.ok(compareTensors(withData([0.5, -1, 2, 3.25, 1e-5, -7]), ref, element).ok, 'near zero: only atol');
  const c = compareTensors(withData([0.5, -1, 2, 3.25, 0, -7.00001]), ref, element);
  assert.ok(c.ok);
  assert.ok(c.maxAbs > 0 && c.cosine > 0.999999 && c.p99 >= c.p50);
});

test("integer width: int32 for int64 fails unless integerWidth is 'any', and then the values decide", () => {
  const wide = { dtype: 'int64', dims: [3], data: BigInt64Array.from([1n, 2n, 3n]) };
  const narrow = { dtype: 'int32', dims: [3], data: Int32Array.from([1, 2, 3]) };
  assert.not.ok(compareTensors(narrow, wide, tol).ok);
  assert.ok(compareTensors(narrow, wide, { ...tol, integerWidth: 'any' }).ok);
  const off = { ...narrow, data: Int32Array.from([1, 2, 4]) };
  assert.not.ok(compareTensors(off, wide, { ...tol, integerWidth: 'any' }).ok);
  assert.not.ok(compareTensors({ ...ref, dtype: 'float16' }, ref, { ...tol, integerWidth: 'any' }).ok);
});

test('non-numeric outputs compare by equality', () => {
  assert.ok(compareTensors({ data: ['a', 'b'] }, { data: ['a', 'b'] }, tol).ok);
  assert.not.ok(compareTensors({ data: ['a', 'c'] }, { data: ['a', 'b'] }, tol).ok);
  assert.not.ok(compareTensors({ data: [true, false] }, { data: [true, true] }, tol).ok);
});

test.run();
