/** Shape inference places the batch axis of every value: recurrent states and time-major sequences at axis 1. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { inferShapes } from '../../src/shape/infer.js';
import { checkModel } from '../../src/check/engine.js';
import { LSTM_BIDIRECTIONAL_2_LAYER } from '../converters/ncnn/lstm-bidirectional.js';

const axisOf = (text: string): Map<string, number | null | undefined> => {
  const m = parseModelText(text);
  inferShapes(m);
  const found = new Map<string, number | null | undefined>();
  for (const v of [...m.graph.inputs, ...m.graph.nodes.flatMap((n) => n.outputs)])
    if (v) found.set(v.name, v.batchAxis);
  return found;
};
const ncnnErrors = (text: string): string[] => {
  const m = parseModelText(text);
  inferShapes(m);
  return checkModel(m, ['ncnn'])[0]!
    .findings.filter((f) => f.level === 'error')
    .map((f) => f.ruleId);
};

test('a 2-layer bidirectional LSTM (time-major): sequences at axis 1, Y at 2, states at 1', () => {
  const b = axisOf(LSTM_BIDIRECTIONAL_2_LAYER);
  assert.equal(
    ['input', 'y0', 'yh0', 'yc0', 't0', 's0', 'y1', 'output', 'h_n', 'c_n'].map((n) => b.get(n)),
    [1, 2, 1, 1, 1, 1, 2, 1, 1, 1],
  );
});

test('the Concat stacking h_n/c_n along axis 0 is not a batch-axis concat: ncnn has no error', () => {
  assert.equal(ncnnErrors(LSTM_BIDIRECTIONAL_2_LAYER), []);
});

test('axes move with Transpose, Squeeze, Unsqueeze, reductions and Reshape; constants have none', () => {
  const b = axisOf(`input x: float32[1,3,4,5]
const k: float32[1,3,1,1] = fill(2)
const s: int64[3] = [3,4,5]
const ax: int64[1] = [0]
a = Mul(x, k)
t = Transpose<perm=[2,0,1,3]>(a)
q = Squeeze(x, ax)
u = Unsqueeze(q, ax)
r = ReduceMean<axes=[1], keepdims=0>(x)
f = Flatten<axis=1>(x)
output t
output u
output r
output f`);
  assert.equal(
    ['x', 'k', 'a', 't', 'q', 'u', 'r', 'f'].map((n) => b.get(n)),
    [0, undefined, 0, 1, null, null, 0, 0],
  );
});

test('a Concat along the real batch axis (0) is still an ncnn error', () => {
  assert.equal(ncnnErrors('input x: float32[1,3,4]\ny = Concat<axis=0>(x, x)\noutput y'), ['ncnn/Concat-batch-axis']);
});

test.run();
