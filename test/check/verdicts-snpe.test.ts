/** Qualcomm SNPE/QNN: single-op graphs whose fate the Supported ONNX Ops table (Abs … Xor) settles. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkText } from '../helpers/check-text.js';

const IMG = 'input x: float32[1,3,16,16]';

test('snpe: a Conv and a Concat are in the table: ready, no finding', () => {
  const conv = checkText(
    `${IMG}\nconst w: float32[4,3,3,3] = fill(0.1)\ny = Conv<kernel_shape=[3,3]>(x, w)\noutput y`,
    'snpe',
  );
  assert.equal(conv.ids, []);
  assert.is(conv.result.verdict, 'ready');
  assert.equal(checkText(`${IMG}\ny = Concat<axis=1>(x, x)\noutput y`, 'snpe').ids, []);
});

test('snpe: attribute limits from the notes: ArgMax select_last_index=1, Dropout mask output, dynamic BN scale', () => {
  const arg = (v: number): string => `${IMG}\ny = ArgMax<axis=1, select_last_index=${v}>(x)\noutput y`;
  const bad = checkText(arg(1), 'snpe');
  assert.ok(bad.ids.includes('snpe/ArgMax-select-last-index'));
  assert.is(bad.result.verdict, 'blocked');
  assert.equal(checkText(arg(0), 'snpe').ids, []);
  const drop = checkText(`${IMG}\na, m = Dropout(x)\noutput a\noutput m`, 'snpe');
  assert.ok(drop.ids.includes('snpe/Dropout-mask'));
  assert.not.ok(checkText(`${IMG}\na = Dropout(x)\noutput a`, 'snpe').ids.includes('snpe/Dropout-mask'));
  const bn = checkText(
    `${IMG}\ninput s: float32[3]\nconst b: float32[3] = fill(0)\nconst mu: float32[3] = fill(0)\nconst v: float32[3] = fill(1)\ny = BatchNormalization(x, s, b, mu, v)\noutput y`,
    'snpe',
  );
  assert.ok(bn.ids.includes('snpe/BatchNormalization-static-params'));
});

test('snpe: an op outside the table (Hardmax) is unsupported; Relu is in it; Erf outside GeLU is a warning', () => {
  const r = checkText(`${IMG}\ny = Hardmax<axis=1>(x)\noutput y`, 'snpe');
  assert.equal(r.ids, ['snpe/op-unsupported']);
  assert.is(r.findings[0]!.level, 'error');
  assert.is(r.result.verdict, 'blocked');
  assert.equal(checkText(`${IMG}\ny = Relu(x)\noutput y`, 'snpe').ids, []);
  const erf = checkText(`${IMG}\ny = Erf(x)\noutput y`, 'snpe').findings.find((f) => f.ruleId === 'snpe/Erf-gelu-only');
  assert.ok(erf);
  assert.is(erf!.level, 'warning');
});

test('snpe: notes of the later rows: Gemm only as FC (transB=1), MaxPool dilations 1, PRelu static slope', () => {
  const gemm = (transB: number): string =>
    `input a: float32[2,8]\nconst w: float32[${transB ? '4,8' : '8,4'}] = fill(0.1)\ny = Gemm<transB=${transB}>(a, w)\noutput y`;
  assert.ok(checkText(gemm(0), 'snpe').ids.includes('snpe/Gemm-fc'));
  assert.equal(checkText(gemm(1), 'snpe').ids, []);
  const pool = (d: number): string => `${IMG}\ny = MaxPool<kernel_shape=[2,2], dilations=[${d},${d}]>(x)\noutput y`;
  assert.ok(checkText(pool(2), 'snpe').ids.includes('snpe/MaxPool-dilations'));
  assert.equal(checkText(pool(1), 'snpe').ids, []);
  const prelu = checkText(`${IMG}\ninput s: float32[3,1,1]\ny = PRelu(x, s)\noutput y`, 'snpe');
  assert.ok(prelu.ids.includes('snpe/PRelu-slope-static'));
});

test.run();
