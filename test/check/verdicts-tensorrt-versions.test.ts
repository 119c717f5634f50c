/**
 * TensorRT parser versions: single-op graphs whose fate differs between the onnx-tensorrt operators tables
 * (8.5-GA, 8.6-GA, 10.0-GA, 10.1-GA) and the onnx-tensorrt changelog (10.2 … 10.12).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkText } from '../helpers/check-text.js';
import { allTargetIds } from '../../src/check/targets.js';

const atOpset = (src: string, opset: number): string => `opset ${opset}\n${src}`;

const LAYER_NORM = atOpset(
  `input x: float32[1,8,16]\nconst g: float32[16] = fill(1)\nconst b: float32[16] = fill(0)\ny = LayerNormalization<axis=-1>(x, g, b)\noutput y`,
  17,
);
const einsum = (equation: string, a: string, b: string): string =>
  `input a: float32[${a}]\ninput b: float32[${b}]\ny = Einsum<equation="${equation}">(a, b)\noutput y`;

test('tensorrt versions: the variants are checkable ids', () => {
  for (const v of ['8.5', '8.6', '10.0', '10.12']) assert.ok(allTargetIds().includes(`tensorrt:${v}`), v);
});

test('LayerNormalization: native from 8.6 (8.6 EA changelog), missing from the 8.5 table', () => {
  const r85 = checkText(LAYER_NORM, 'tensorrt:8.5');
  assert.ok(r85.ids.includes('tensorrt:8.5/LayerNormalization-unsupported'), r85.ids.join());
  assert.match(r85.findings[0]!.message, /TensorRT 8\.5/);
  assert.is(r85.result.verdict, 'blocked');
  assert.equal(checkText(LAYER_NORM, 'tensorrt:8.6').ids, []);
  assert.equal(checkText(LAYER_NORM, 'tensorrt').ids, []);
});

test('Hardmax: N in the 8.6 table, supported from 9.2 (10.x ready)', () => {
  const src = `input x: float32[2,10]\ny = Hardmax<axis=1>(x)\noutput y`;
  assert.ok(checkText(src, 'tensorrt:8.6').ids.includes('tensorrt:8.6/Hardmax-unsupported'));
  assert.equal(checkText(src, 'tensorrt:10.0').ids, []);
  assert.equal(checkText(src, 'tensorrt').ids, []);
});

test('DeformConv: added in 10.1 (no row in the 10.0 table)', () => {
  const src = atOpset(
    `input x: float32[1,2,8,8]\nconst w: float32[4,2,3,3] = fill(0.1)\ninput off: float32[1,18,6,6]\ny = DeformConv<kernel_shape=[3,3]>(x, w, off)\noutput y`,
    19,
  );
  assert.ok(checkText(src, 'tensorrt:10.0').ids.includes('tensorrt:10.0/DeformConv-unsupported'));
  assert.not.ok(checkText(src, 'tensorrt').ids.some((id) => id.includes('DeformConv')));
});

test('Einsum: ellipsis and diagonals refused before 10.12, accepted by 10.12; a plain product everywhere', () => {
  const ellipsis = einsum('...ij,...jk->...ik', '2,3,4', '2,4,5');
  assert.ok(checkText(ellipsis, 'tensorrt:8.6').ids.includes('tensorrt:8.6/Einsum-plain'));
  assert.ok(checkText(ellipsis, 'tensorrt').ids.includes('tensorrt/Einsum-plain'));
  assert.not.ok(checkText(ellipsis, 'tensorrt:10.12').ids.some((id) => id.includes('Einsum')));
  const diagonal = einsum('ii,ij->ij', '3,3', '3,4');
  assert.ok(checkText(diagonal, 'tensorrt:10.0').ids.includes('tensorrt:10.0/Einsum-plain'));
  const plain = einsum('ij,jk->ik', '2,3', '3,4');
  for (const t of ['tensorrt:8.5', 'tensorrt:8.6', 'tensorrt:10.0', 'tensorrt', 'tensorrt:10.12'])
    assert.equal(checkText(plain, t).ids, [], t);
});

test('Slice with run-time axes: an error for 10.1, accepted from 10.3 (tensorrt:10.12)', () => {
  const src = [
    'input x: float32[1,3,8,8]',
    'input axes: int64[1]',
    'const s: int64[1] = fill(0)',
    'const e: int64[1] = fill(2)',
    'y = Slice(x, s, e, axes)',
    'output y',
  ].join('\n');
  assert.ok(checkText(src, 'tensorrt').ids.includes('tensorrt/Slice-axes-const'));
  assert.not.ok(checkText(src, 'tensorrt:10.12').ids.some((id) => id.includes('Slice')));
});

test('opset range: 8.x stops at 17 (error), 10.1 at 20 (error), 10.12 only warns above 20', () => {
  const relu = (opset: number): string => atOpset(`input x: float32[1,4]\ny = Relu(x)\noutput y`, opset);
  assert.ok(checkText(relu(18), 'tensorrt:8.6').ids.includes('tensorrt:8.6/model-opset'));
  assert.equal(checkText(relu(17), 'tensorrt:8.6').ids, []);
  assert.ok(checkText(relu(21), 'tensorrt').ids.includes('tensorrt/model-opset'));
  const newer = checkText(relu(21), 'tensorrt:10.12');
  assert.equal(newer.ids, ['tensorrt:10.12/model-opset']);
  assert.is(newer.findings[0]!.level, 'warning');
  assert.is(newer.result.verdict, 'ready');
});

test.run();
