/** Horizon X3 (hb_mapper): single-op graphs whose fate the X3 ONNX op list settles (BPU, CPU, not integrated). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkText } from '../helpers/check-text.js';
import type { Model } from '../../src/ir/model.js';

const opset11 = (m: Model): void => {
  m.opsets.set('', 11);
};
const x3 = (src: string): ReturnType<typeof checkText> => checkText(src, 'horizon', opset11);
const conv = (k: number, cin = 3): string =>
  `input x: float32[1,${cin},32,32]\nconst w: float32[8,${cin},${k},${k}] = fill(0.1)\ny = Conv<kernel_shape=[${k},${k}]>(x, w)\noutput y`;

test('horizon: a 3×3 Conv at opset 11 runs on the BPU: ready, no finding', () => {
  const r = x3(conv(3));
  assert.equal(r.ids, []);
  assert.is(r.result.verdict, 'ready');
});

test('horizon: BPU limits fall back to the CPU: Conv kernel 9 > 7, ConvTranspose stride 3, ArgMax over 65 channels', () => {
  const k9 = x3(conv(9));
  const f = k9.findings.find((x) => x.ruleId === 'horizon/Conv-kernel');
  assert.ok(f, 'kernel 9 flagged');
  assert.is(f!.level, 'warning');
  assert.is(f!.verdict, 'partial');
  assert.is(k9.result.counts.partial, 1);
  const deconv = (s: number): string =>
    `input x: float32[1,8,16,16]\nconst w: float32[8,8,4,4] = fill(0.1)\ny = ConvTranspose<kernel_shape=[4,4], strides=[${s},${s}]>(x, w)\noutput y`;
  assert.ok(x3(deconv(3)).ids.includes('horizon/ConvTranspose-stride'));
  assert.not.ok(x3(deconv(2)).ids.includes('horizon/ConvTranspose-stride'));
  const argmax = (c: number): string => `input x: float32[1,${c},8,8]\ny = ArgMax<axis=1>(x)\noutput y`;
  assert.ok(x3(argmax(65)).ids.includes('horizon/ArgMax-channels'));
  assert.equal(x3(argmax(64)).ids, []);
});

test('horizon: CPU ops (Transpose, Sub) are partial with a CPU fallback', () => {
  const r = x3(`input x: float32[1,3,8,8]\ny = Transpose<perm=[0,2,3,1]>(x)\noutput y`);
  const f = r.findings.find((x) => x.ruleId === 'horizon/Transpose-cpu')!;
  assert.ok(f);
  assert.is(f.verdict, 'partial');
  assert.is(r.result.counts.partial, 1);
  assert.is(r.result.verdict, 'ready', 'a CPU fallback is a warning, not a blocker');
  assert.ok(x3(`input x: float32[1,3,8,8]\ny = Sub(x, x)\noutput y`).ids.includes('horizon/Sub-cpu'));
});

test('horizon: not-integrated CPU ops (Einsum, Mod) and unlisted ops (HardSwish) are errors', () => {
  const ein = x3(`input a: float32[2,3]\ninput b: float32[3,4]\ny = Einsum<equation="ij,jk->ik">(a, b)\noutput y`);
  assert.ok(ein.ids.includes('horizon/Einsum-unsupported'));
  assert.is(ein.result.verdict, 'blocked');
  assert.ok(x3(`input x: float32[1,3,8,8]\ny = Mod(x, x)\noutput y`).ids.includes('horizon/Mod-unsupported'));
  const hs = x3(`input x: float32[1,3,8,8]\ny = HardSwish(x)\noutput y`);
  assert.ok(hs.ids.includes('horizon/op-unsupported'));
  assert.is(hs.findings.find((x) => x.ruleId === 'horizon/op-unsupported')!.level, 'error');
});

test('horizon: model rules: opset 13 is refused, batch 256 exceeds input_batch ≤ 128', () => {
  const o13 = checkText(conv(3), 'horizon', (m) => {
    m.opsets.set('', 13);
  });
  assert.ok(o13.ids.includes('horizon/model-opset'));
  const big = x3(conv(3).replace('float32[1,3,32,32]', 'float32[256,3,32,32]'));
  assert.ok(big.ids.includes('horizon/model-batch'));
  assert.not.ok(x3(conv(3)).ids.includes('horizon/model-batch'));
});

test.run();
