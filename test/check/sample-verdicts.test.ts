/** Verdicts on real PyTorch exports agree with the targets' public sources. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readOnnx } from '../../converters/onnx/import.js';
import { inferShapes } from '../../src/shape/infer.js';
import { checkModel } from '../../src/check/engine.js';
import { sample } from '../helpers/samples.js';

function check(name: string, target: string) {
  const m = readOnnx(sample(name).path);
  inferShapes(m);
  return checkModel(m, [target])[0]!;
}

test('tensorrt accepts standard ResNet and MobileNet exports as they are', () => {
  for (const s of ['resnet18', 'mobilenet_v2', 'mobilenet_v3_large', 'efficientnet-op13', 'shufflenet_v2-op13']) {
    const r = check(s, 'tensorrt');
    assert.is(r.verdict, 'ready', `${s}: ${r.findings.map((f) => f.ruleId).join(', ')}`);
    assert.is(r.counts.unsupported, 0);
  }
});

test('ncnn flags NonMaxSuppression and int64 data tensors in the SSD-style detector', () => {
  const r = check('ssd-op13', 'ncnn');
  const ids = new Set(r.findings.map((f) => f.ruleId));
  assert.ok(ids.has('ncnn/NonMaxSuppression-unsupported'));
  assert.ok(ids.has('ncnn/tensor-int64'));
  assert.is(r.verdict, 'blocked');
  const nms = r.findings.find((f) => f.ruleId === 'ncnn/NonMaxSuppression-unsupported')!;
  assert.is(nms.op, 'NonMaxSuppression');
  assert.ok(nms.node.length > 0);
});

test('ncnn accepts MobileNetV3 (HardSwish/HardSigmoid are ncnn layers) and flags the YOLO Focus slices', () => {
  assert.is(check('mobilenet_v3_small-op13', 'ncnn').verdict, 'ready');
  const yolo = check('yolo-op13', 'ncnn');
  assert.ok(
    yolo.findings.some((f) => f.ruleId === 'ncnn/Slice-steps'),
    'strided Focus slices',
  );
});

test('rknn flags pooling ceil_mode in SqueezeNet as a CPU fallback', () => {
  const r = check('squeezenet', 'rknn');
  const f = r.findings.filter((x) => x.ruleId === 'rknn/MaxPool-ceil-mode');
  assert.is(f.length, 3);
  assert.ok(f.every((x) => x.verdict === 'partial'));
});

test('rknn flags the dynamic batch of an export with dynamic axes; nnie wants Caffe', () => {
  assert.ok(check('resnet18_dynamic', 'rknn').findings.some((f) => f.ruleId === 'rknn/model-dynamic-input'));
  const n = check('resnet18', 'nnie');
  assert.ok(n.findings.some((f) => f.ruleId === 'nnie/model-format' && /convert this model to Caffe/.test(f.message)));
});

test('opset range: rknn-toolkit2 2.x needs opsets 12..19', () => {
  assert.ok(
    check('mobilenet_v3_small-op11', 'rknn').findings.some(
      (f) => f.ruleId === 'rknn/model-opset' && f.fix === 'convert-opset',
    ),
  );
  assert.not.ok(check('mobilenet_v3_small-op13', 'rknn').findings.some((f) => f.ruleId === 'rknn/model-opset'));
});

test.run();
