/** OpenVINO's ONNX frontend: single-op graphs whose fate its supported-ops table settles. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkText } from '../helpers/check-text.js';

const IMG = 'input x: float32[1,3,16,16]';

test('openvino: a Conv, a GridSample and a HardSwish are listed with a supported version: ready, no finding', () => {
  const conv = checkText(
    `${IMG}\nconst w: float32[4,3,3,3] = fill(0.1)\ny = Conv<kernel_shape=[3,3]>(x, w)\noutput y`,
    'openvino',
  );
  assert.equal(conv.ids, []);
  assert.is(conv.result.verdict, 'ready');
  assert.is(conv.result.counts.supported, 1);
  const grid = checkText(`${IMG}\ninput g: float32[1,8,8,2]\ny = GridSample(x, g)\noutput y`, 'openvino');
  assert.equal(grid.ids, []);
  assert.equal(checkText(`${IMG}\ny = HardSwish(x)\noutput y`, 'openvino').ids, []);
});

test('openvino: MaxUnpool and Det have an empty supported version: unsupported, target blocked', () => {
  const det = checkText(`input x: float32[2,3,3]\ny = Det(x)\noutput y`, 'openvino');
  assert.equal(det.ids, ['openvino/Det-unsupported']);
  assert.is(det.findings[0]!.level, 'error');
  assert.is(det.result.counts.unsupported, 1);
  assert.is(det.result.verdict, 'blocked');
  const unpool = checkText(
    `${IMG}\ninput i: int64[1,3,16,16]\ny = MaxUnpool<kernel_shape=[2,2]>(x, i)\noutput y`,
    'openvino',
  );
  assert.ok(unpool.ids.includes('openvino/MaxUnpool-unsupported'));
});

test('openvino: SequenceConstruct is supported only in certain patterns: a warning, not an error', () => {
  const r = checkText(`${IMG}\ny = SequenceConstruct(x, x)\noutput y`, 'openvino');
  const f = r.findings.find((x) => x.ruleId === 'openvino/SequenceConstruct-pattern');
  assert.ok(f, 'pattern-only op flagged');
  assert.is(f!.level, 'warning');
  assert.is.not(r.result.verdict, 'blocked');
});

test('openvino: an op missing from the (complete) table is an error; a Caffe model is refused by the ONNX frontend', () => {
  const r = checkText(`${IMG}\ny = com.acme.Frobnicate(x)\noutput y`, 'openvino');
  assert.ok(r.ids.includes('openvino/op-unsupported'));
  assert.is(r.findings.find((f) => f.ruleId === 'openvino/op-unsupported')!.level, 'error');
  const caffe = checkText(`${IMG}\ny = Relu(x)\noutput y`, 'openvino', (m) => {
    m.format = 'caffe';
  });
  assert.ok(caffe.ids.includes('openvino/model-format'));
});

test.run();
