/** Every predicate kind, on small graphs, against the real targets.json rules that use it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkText } from '../helpers/check-text.js';

const IMG = 'input x: float32[1,3,32,32]';

test('attribute in-list: Resize cubic is refused by tensorrt and rknn, with the actual value in the message', () => {
  const g = `${IMG}\nconst s: float32[4] = [1,1,2,2]\ny = Resize<mode="cubic">(x, , s)\noutput y`;
  const trt = checkText(g, 'tensorrt');
  assert.ok(trt.ids.includes('tensorrt/Resize-mode'));
  assert.match(
    trt.findings.find((f) => f.ruleId === 'tensorrt/Resize-mode')!.message,
    /mode='cubic'; supported: nearest, linear/,
  );
  assert.ok(checkText(g, 'rknn').ids.includes('rknn/Resize-mode'));
  assert.not.ok(checkText(g.replace('cubic', 'linear'), 'tensorrt').ids.includes('tensorrt/Resize-mode'));
});

test('attribute absentOr: pooling ceil_mode falls back to the CPU on rknn (partial), not on tensorrt', () => {
  const g = `${IMG}\ny = MaxPool<kernel_shape=[3,3], strides=[2,2], ceil_mode=1>(x)\noutput y`;
  const r = checkText(g, 'rknn');
  const f = r.findings.find((x) => x.ruleId === 'rknn/MaxPool-ceil-mode')!;
  assert.ok(f, 'ceil_mode flagged');
  assert.is(f.verdict, 'partial');
  assert.is(r.result.counts.partial, 1);
  assert.equal(checkText(g, 'tensorrt').ids, []);
});

test('custom resize-integer-scale: rknn flags a 1.5× resize and passes a 2× one', () => {
  const mk = (s: number): string =>
    `${IMG}\nconst s: float32[4] = [1,1,${s},${s}]\ny = Resize<mode="nearest", coordinate_transformation_mode="half_pixel">(x, , s)\noutput y`;
  assert.ok(checkText(mk(1.5), 'rknn').ids.includes('rknn/Resize-integer-scale'));
  assert.not.ok(checkText(mk(2), 'rknn').ids.includes('rknn/Resize-integer-scale'));
});

test('constInput: ncnn needs a constant Reshape shape; shape glue computed from static shapes counts as constant', () => {
  const dyn = checkText(`input x: float32[1,3,8,8]\ninput s: int64[2]\ny = Reshape(x, s)\noutput y`, 'ncnn');
  assert.ok(dyn.ids.includes('ncnn/Reshape-shape-const'));
  const glue = checkText(
    `input x: float32[1,3,8,8]\nsh = Shape(x)\nconst i: int64[1] = [0]\nn = Gather(sh, i)\nconst m: int64[1] = [-1]\nt = Concat<axis=0>(n, m)\ny = Reshape(x, t)\noutput y`,
    'ncnn',
  );
  assert.not.ok(glue.ids.includes('ncnn/Reshape-shape-const'));
  assert.ok(
    glue.findings
      .filter((f) => f.ruleId === 'ncnn/Shape-unsupported')
      .every((f) => f.level === 'warning' && f.fix === 'fold-shape-arithmetic'),
    'foldable glue is a fixable warning',
  );
});

test('dtype / runtime int64: ncnn flags an int64 data tensor, not a constant one', () => {
  const r = checkText(`input x: int64[1,4]\ny = Add(x, x)\noutput y`, 'ncnn');
  assert.ok(r.ids.includes('ncnn/tensor-int64'));
  const trt = checkText(`input x: float32[1,4]\ny = And(x, x)\noutput y`, 'tensorrt');
  assert.ok(trt.ids.includes('tensorrt/And-dtype'), 'tensorrt And takes bool only');
});

test('rank: ncnn refuses tensors of more than 4 dims besides the batch', () => {
  const r = checkText(`input x: float32[1,2,3,4,5,6]\ny = Relu(x)\noutput y`, 'ncnn');
  assert.ok(r.ids.includes('ncnn/tensor-rank'));
  assert.not.ok(checkText(`input x: float32[1,2,3,4]\ny = Relu(x)\noutput y`, 'ncnn').ids.includes('ncnn/tensor-rank'));
});

test('bound: rknn Conv kernel > 31 and depthwise kernel > 8 fall back; a 3×3 conv passes', () => {
  const conv = (k: number, group = 1, cin = 3): string =>
    `input x: float32[1,${cin},64,64]\nconst w: float32[${group === 1 ? 4 : cin},${group === 1 ? cin : 1},${k},${k}] = fill(0.1)\ny = Conv<kernel_shape=[${k},${k}], group=${group}>(x, w)\noutput y`;
  assert.ok(checkText(conv(33), 'rknn').ids.includes('rknn/Conv-kernel'));
  assert.equal(checkText(conv(3), 'rknn').ids, []);
  const dw = checkText(conv(9, 8, 8), 'rknn');
  assert.ok(dw.ids.includes('rknn/Conv-depthwise-kernel'));
  assert.not.ok(dw.ids.includes('rknn/Conv-kernel'));
});

test('broadcast: rknn Sub allows per-channel, not per-row', () => {
  const sub = (b: string): string =>
    `input x: float32[1,4,8,8]\nconst b: float32[${b}] = fill(1)\ny = Sub(x, b)\noutput y`;
  assert.not.ok(checkText(sub('1,4,1,1'), 'rknn').ids.includes('rknn/Sub-broadcast'));
  assert.ok(checkText(sub('1,1,8,1'), 'rknn').ids.includes('rknn/Sub-broadcast'));
});

test('batchAxis: ncnn refuses Concat and Transpose across the batch axis', () => {
  assert.ok(
    checkText(
      `input x: float32[1,4,8]\ninput z: float32[1,4,8]\ny = Concat<axis=0>(x, z)\noutput y`,
      'ncnn',
    ).ids.includes('ncnn/Concat-batch-axis'),
  );
  assert.not.ok(
    checkText(
      `input x: float32[1,4,8]\ninput z: float32[1,4,8]\ny = Concat<axis=1>(x, z)\noutput y`,
      'ncnn',
    ).ids.includes('ncnn/Concat-batch-axis'),
  );
  assert.ok(
    checkText(`input x: float32[1,4,8]\ny = Transpose<perm=[1,0,2]>(x)\noutput y`, 'ncnn').ids.includes(
      'ncnn/Transpose-batch-axis',
    ),
  );
});

test('inputValues: ncnn refuses Slice with step 2 (YOLOv5 Focus)', () => {
  const r = checkText(
    `${IMG}\nconst st: int64[1] = [0]\nconst en: int64[1] = [32]\nconst ax: int64[1] = [2]\nconst sp: int64[1] = [2]\ny = Slice(x, st, en, ax, sp)\noutput y`,
    'ncnn',
  );
  assert.ok(r.ids.includes('ncnn/Slice-steps'));
});

test('outputCount: tensorrt refuses a used MaxPool Indices output', () => {
  const r = checkText(`${IMG}\ny, i = MaxPool<kernel_shape=[2,2]>(x)\noutput y\noutput i`, 'tensorrt');
  assert.ok(r.ids.includes('tensorrt/MaxPool-indices'));
});

test('supported:false and unlisted ops: ncnn NonMaxSuppression, an unknown custom-domain op, with verdicts', () => {
  const r = checkText(
    `input b: float32[1,10,4]\ninput s: float32[1,1,10]\nk = NonMaxSuppression(b, s)\ny = com.acme.Frobnicate(b)\noutput k\noutput y`,
    'ncnn',
  );
  assert.ok(r.ids.includes('ncnn/NonMaxSuppression-unsupported'));
  assert.ok(r.ids.includes('ncnn/op-unsupported'));
  assert.is(r.result.counts.unsupported, 2);
  assert.is(r.result.verdict, 'blocked');
  const cv = checkText(`input b: float32[1,10,4]\ny = com.acme.Frobnicate(b)\noutput y`, 'cv22');
  assert.is(cv.findings[0]!.verdict, 'unknown', 'cv22: unknown, not unsupported, where nothing public says');
});

test('CPU fallback per chip: Gather falls back on rv1106, GRU has no fallback there', () => {
  const r = checkText(
    `input x: float32[1,8,16]\nconst i: int64[2] = [0, 1]\ny = Gather<axis=1>(x, i)\noutput y`,
    'rknn:rv1106',
  );
  assert.ok(r.findings.some((f) => f.ruleId === 'rknn:rv1106/Gather-cpu' && f.verdict === 'partial'));
  assert.not.ok(
    checkText(
      `input x: float32[1,8,16]\nconst i: int64[2] = [0, 1]\ny = Gather<axis=1>(x, i)\noutput y`,
      'rknn:rk3588',
    ).ids.includes('rknn:rv1106/Gather-cpu'),
  );
});

test('model rules: opset range, dynamic inputs, batch, input format', () => {
  const r = checkText(`opset 21\ninput x: float32[N,3,8,8]\ny = Relu(x)\noutput y`, 'tensorrt');
  assert.ok(r.ids.includes('tensorrt/model-opset'));
  assert.is(r.findings.find((f) => f.ruleId === 'tensorrt/model-opset')!.fix, 'convert-opset');
  assert.ok(r.ids.includes('tensorrt/model-dynamic-input'));
  assert.ok(
    checkText(`input x: float32[N,3,8,8]\ny = Relu(x)\noutput y`, 'rknn').ids.includes('rknn/model-dynamic-input'),
  );
  assert.ok(checkText(`input x: float32[4,3,8,8]\ny = Relu(x)\noutput y`, 'ncnn').ids.includes('ncnn/model-batch'));
  const nnie = checkText(`${IMG}\ny = Relu(x)\noutput y`, 'nnie');
  assert.ok(nnie.ids.includes('nnie/model-format'), 'an ONNX model needs conversion to Caffe for NNIE');
  assert.not.ok(
    checkText(`${IMG}\ny = Relu(x)\noutput y`, 'nnie', (m) => {
      m.format = 'caffe';
    }).ids.includes('nnie/model-format'),
  );
});

test('every finding carries rule, level, source, confidence and the node', () => {
  const r = checkText(`${IMG}\nconst s: float32[4] = [1,1,2,2]\ny = Resize<mode="cubic">(x, , s)\noutput y`, 'rknn');
  for (const f of r.findings) {
    assert.ok(f.ruleId && f.level && f.source.url.startsWith('https://') && f.confidence && f.target === 'rknn:rk3588');
    if (f.ruleId !== 'rknn/model-rank') assert.is(f.op, 'Resize');
  }
});

test.run();
