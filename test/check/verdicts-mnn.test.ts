/** MNN: names only. Registered converter ops pass; anything else is unknown, never a false error or a false pass. */
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

test('mnn: an op outside the registrations read is unknown (a warning), not unsupported', () => {
  const r = checkText(
    `input a: float32[2,3]\ninput b: float32[3,4]\ny = Einsum<equation="ij,jk->ik">(a, b)\noutput y`,
    'mnn',
  );
  assert.equal(r.ids, ['mnn/op-unknown']);
  assert.is(r.findings[0]!.level, 'warning');
  assert.is(r.findings[0]!.verdict, 'unknown');
  assert.is(r.result.counts.unknown, 1);
  assert.is.not(r.result.verdict, 'blocked');
});

test.run();
