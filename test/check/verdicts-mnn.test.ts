/**
 * MNN: names only. Ops the ONNX converter registers or its ONNX-extra pass lowers pass; any other op stays an Extra
 * op, which MNNConvert refuses ("These Op Not Support").
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkText } from '../helpers/check-text.js';

const IMG = 'input x: float32[1,3,16,16]';

test('mnn: ops the ONNX converter registers (Conv, HardSwish, ReduceMean) are supported', () => {
  const conv = checkText(
    `${IMG}\nconst w: float32[4,3,3,3] = fill(0.1)\ny = Conv<kernel_shape=[3,3]>(x, w)\noutput y`,
    'mnn',
  );
  assert.equal(conv.ids, []);
  assert.is(conv.result.verdict, 'ready');
  assert.equal(checkText(`${IMG}\ny = HardSwish(x)\noutput y`, 'mnn').ids, []);
  assert.equal(checkText(`${IMG}\ny = ReduceMean<axes=[2,3]>(x)\noutput y`, 'mnn').ids, []);
});

test('mnn: ops lowered by the ONNX-extra pass (Einsum, Softmax, Slice, LSTM names) are supported', () => {
  const ein = `input a: float32[2,3]\ninput b: float32[3,4]\ny = Einsum<equation="ij,jk->ik">(a, b)\noutput y`;
  assert.equal(checkText(ein, 'mnn').ids, []);
  assert.equal(checkText(`${IMG}\ny = Softmax<axis=1>(x)\noutput y`, 'mnn').ids, []);
  assert.equal(checkText(`${IMG}\ny = Transpose<perm=[0,2,3,1]>(x)\noutput y`, 'mnn').ids, []);
});

test('mnn: an op neither registered nor lowered (Hardmax) is unsupported', () => {
  const r = checkText(`input x: float32[2,10]\ny = Hardmax<axis=1>(x)\noutput y`, 'mnn');
  assert.equal(r.ids, ['mnn/op-unsupported']);
  assert.is(r.findings[0]!.level, 'error');
  assert.is(r.result.verdict, 'blocked');
});

test.run();
