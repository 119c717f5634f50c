import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { inferShapes } from '../../src/shape/infer.js';
import { profileModel } from '../../src/profile/profile-model.js';
import { estimateLayer, latencyRange } from '../../src/profile/roofline.js';
import type { HardwareDef } from '../../src/check/target-types.js';

function profileOf(text: string) {
  const model = parseModelText(text);
  inferShapes(model);
  return profileModel(model);
}

test('ConvTranspose counts Cin·Hin·Win·(Cout/g)·k² MACs, not the output size times the kernel', () => {
  const p = profileOf(`
    opset 17
    input x: float32[1,8,10,10]
    const w: float32[8,4,3,3] = fill(0.1)
    y = ConvTranspose<strides=[2,2], kernel_shape=[3,3]>(x, w)
    output y`);
  const node = p.nodes[0]!;
  assert.equal(node.node.outputs[0]!.shape, [1, 4, 21, 21]);
  assert.is(node.macs, 8 * 10 * 10 * 4 * 9);
  assert.is(node.params, 8 * 4 * 9);
});

test('grouped Conv counts Cin/g; the bias is an other op, BatchNorm is not a MAC and its statistics are not parameters', () => {
  const p = profileOf(`
    opset 17
    input x: float32[1,8,6,6]
    const w: float32[16,2,3,3] = fill(0.1)
    const b: float32[16] = fill(0)
    const s: float32[16] = fill(1)
    const m: float32[16] = fill(0)
    y = Conv<group=4, kernel_shape=[3,3], pads=[1,1,1,1]>(x, w, b)
    z = BatchNormalization(y, s, b, m, s)
    output z`);
  const [conv, bn] = p.nodes as [(typeof p.nodes)[0], (typeof p.nodes)[0]];
  assert.is(conv.macs, 16 * 6 * 6 * 2 * 9);
  assert.is(conv.otherOps, 16 * 6 * 6);
  assert.is(bn.macs, 0);
  assert.is(bn.otherOps, 2 * 16 * 6 * 6);
  // conv: w (288) + b (16); BN: scale s (16), its bias b already counted; mean m and var s are buffers
  assert.is(p.totals.params, 288 + 16 + 16);
});

test('Gemm, batched MatMul and a shared weight counted once; scalars in arithmetic are not parameters', () => {
  const p = profileOf(`
    opset 17
    input x: float32[2,3,5,7]
    const w: float32[7,4] = fill(0.1)
    const half: float32[] = [0.5]
    a = MatMul(x, w)
    b = MatMul(x, w)
    c = Mul(a, half)
    d = Add(c, b)
    output d`);
  assert.is(p.nodes[0]!.macs, 2 * 3 * 5 * 4 * 7);
  assert.is(p.totals.macs, 2 * 2 * 3 * 5 * 4 * 7);
  assert.is(p.totals.params, 28);
});

test('LSTM counts 4·H·(I+H) MACs per step, batch element and direction', () => {
  const p = profileOf(`
    opset 17
    input x: float32[5,2,6]
    const w: float32[2,32,6] = fill(0.1)
    const r: float32[2,32,8] = fill(0.1)
    y, h, c = LSTM<hidden_size=8, direction="bidirectional">(x, w, r)
    output y`);
  assert.is(p.nodes[0]!.macs, 5 * 2 * 2 * 4 * 8 * (6 + 8));
});

test('roofline: unknown peak stays unknown, compute alone gives a lower bound, both give a range', () => {
  const cost = {
    macs: 1e9,
    otherOps: 0,
    params: 0,
    weightBytes: 1e6,
    activationReadBytes: 2e6,
    activationWriteBytes: 1e6,
    intensity: null,
  } as unknown as Parameters<typeof estimateLayer>[0];
  const hw = (int8: number | null, memoryGBs: number | null): HardwareDef => ({
    chip: 'x',
    peakTops: { int8 },
    memoryGBs,
    source: { url: 'https://example.org' },
    confidence: 'low',
  });
  const unknown = estimateLayer(cost, hw(null, null), 'int8');
  assert.equal(latencyRange([unknown]), { lowSeconds: null, highSeconds: null });
  const computeOnly = estimateLayer(cost, hw(2, null), 'int8');
  assert.is(computeOnly.computeSeconds, 2e9 / 2e12);
  assert.equal(latencyRange([computeOnly]), { lowSeconds: 1e-3, highSeconds: null });
  const both = estimateLayer(cost, hw(2, 1), 'int8');
  assert.is(both.memorySeconds, 4e6 / 1e9);
  assert.is(both.bound, 'memory');
  const range = latencyRange([both]);
  assert.is(range.lowSeconds, 4e-3);
  assert.ok(Math.abs(range.highSeconds! - 5e-3) < 1e-12);
});

test.run();
