/**
 * Small nets with the structure of the real deploy nets that used to fail or import wrong: DenseNet's stem with
 * the fork field ceil_mode: false, a SegNet/ENet pooling mask read by Upsample across another layer, SSD's
 * Normalize, a SENet block with Axpy, a Faster R-CNN head with a Python proposal layer and ROIPooling.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ref from '../../helpers/caffe-reference.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { runCli } from '../../helpers/cli.js';
import { seeded, writeCaffemodel } from '../../helpers/caffemodel-writer.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { importWarnings } from '../../../src/ir/import-warning.js';
import { checkModel } from '../../../src/check/engine.js';
import { runCases, withinTolerance, type ConformanceCase } from './conformance-harness.js';
import { layer } from './conformance-cases.js';

const positive = (n: number): Float32Array => seeded(n, 5, 0.5, 1.5);

const DENSENET_STEM: ConformanceCase = {
  name: 'DenseNet-121 stem (shicai) with ceil_mode: false',
  covers: ['Pooling'],
  net: `${layer('conv1', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 7 stride: 2 pad: 3 bias_term: false }')}
${layer('conv1/bn', 'BatchNorm', ['conv1'], 'batch_norm_param { eps: 1e-5 }', ['conv1/bn'])}
${layer('conv1/scale', 'Scale', ['conv1/bn'], 'scale_param { bias_term: true }', ['conv1/scale'])}
${layer('relu1', 'ReLU', ['conv1/scale'], '', ['relu1'])}
${layer('pool1', 'Pooling', ['relu1'], 'pooling_param { pool: MAX kernel_size: 3 stride: 2 pad: 1 ceil_mode: false }')}
${layer('conv2', 'Convolution', ['pool1'], 'convolution_param { num_output: 2 kernel_size: 1 bias_term: false }')}
${layer('concat', 'Concat', ['pool1', 'conv2'])}`,
  inputs: { x: [1, 3, 224, 224] },
  blobs: { conv1: [[4, 3, 7, 7]], 'conv1/bn': [[4], [4], [1]], 'conv1/scale': [[4], [4]], conv2: [[2, 4, 1, 1]] },
  blobFill: { 'conv1/bn': { 1: positive, 2: () => Float32Array.of(1) } },
  outputs: ['concat'],
};

const SSD_NORMALIZE: ConformanceCase = {
  name: 'SSD conv4_3 Normalize → conf head → Permute → Flatten',
  covers: ['Normalize'],
  net: `${layer('conv4_3', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 pad: 1 }')}
${layer('norm', 'Normalize', ['conv4_3'], 'norm_param { across_spatial: false channel_shared: false }')}
${layer('conf', 'Convolution', ['norm'], 'convolution_param { num_output: 6 kernel_size: 3 pad: 1 }')}
${layer('perm', 'Permute', ['conf'], 'permute_param { order: 0 order: 2 order: 3 order: 1 }')}
${layer('flat', 'Flatten', ['perm'], 'flatten_param { axis: 1 }')}`,
  inputs: { x: [1, 3, 10, 10] },
  blobs: { conv4_3: [[4, 3, 3, 3], [4]], norm: [[4]], conf: [[6, 4, 3, 3], [6]] },
  blobFill: { norm: { 0: (n) => Float32Array.from({ length: n }, () => 20) } },
  outputs: ['flat'],
};

const SE_BLOCK: ConformanceCase = {
  name: 'SENet block with Axpy vs OpenCV on Scale(two bottoms) + Eltwise',
  covers: ['Axpy'],
  net: `${layer('conv', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 pad: 1 }')}
${layer('gap', 'Pooling', ['conv'], 'pooling_param { pool: AVE global_pooling: true }')}
${layer('down', 'Convolution', ['gap'], 'convolution_param { num_output: 2 kernel_size: 1 }')}
${layer('relu', 'ReLU', ['down'])}
${layer('up', 'Convolution', ['relu'], 'convolution_param { num_output: 4 kernel_size: 1 }')}
${layer('gate', 'Sigmoid', ['up'])}
${layer('axpy', 'Axpy', ['gate', 'conv', 'y'])}`,
  opencvNet: `${layer('conv', 'Convolution', ['x'], 'convolution_param { num_output: 4 kernel_size: 3 pad: 1 }')}
${layer('gap', 'Pooling', ['conv'], 'pooling_param { pool: AVE global_pooling: true }')}
${layer('down', 'Convolution', ['gap'], 'convolution_param { num_output: 2 kernel_size: 1 }')}
${layer('relu', 'ReLU', ['down'])}
${layer('up', 'Convolution', ['relu'], 'convolution_param { num_output: 4 kernel_size: 1 }')}
${layer('gate', 'Sigmoid', ['up'])}
${layer('flatgate', 'Flatten', ['gate'])}
${layer('scaled', 'Scale', ['conv', 'flatgate'], 'scale_param { axis: 0 }')}
${layer('axpy', 'Eltwise', ['scaled', 'y'])}`,
  inputs: { x: [1, 3, 6, 7], y: [1, 4, 6, 7] },
  blobs: { conv: [[4, 3, 3, 3], [4]], down: [[2, 4, 1, 1], [2]], up: [[4, 2, 1, 1], [4]] },
  outputs: ['axpy'],
};

const SEGNET_DECODER: ConformanceCase = {
  name: 'SegNet/ENet: pooling mask read by Upsample past a Scale layer, odd sizes',
  covers: ['Pooling', 'Upsample'],
  net: `${layer('pool1', 'Pooling', ['x'], 'pooling_param { pool: MAX kernel_size: 2 stride: 2 }', ['pool1', 'pool1_mask'])}
${layer('scale', 'Scale', ['pool1'], 'scale_param { bias_term: false }')}
${layer('upsample1', 'Upsample', ['scale', 'pool1_mask'], 'upsample_param { scale: 2 upsample_h: 23 upsample_w: 30 }')}
${layer('sum', 'Eltwise', ['upsample1', 'x'])}`,
  inputs: { x: [1, 2, 23, 30] },
  blobs: { scale: [[2]] },
  outputs: ['sum'],
  reference: (i, b) => {
    const { y, mask } = ref.maxPool(i.x!, { k: [2, 2], s: [2, 2], p: [0, 0], ceil: true });
    const plane = y.dims[2]! * y.dims[3]!;
    const scaled = { dims: y.dims, data: y.data.map((v, k) => v * b.scale![0]!.data[Math.floor(k / plane)]!) };
    const up = ref.upsampleMask(scaled, mask, 23, 30);
    return { sum: { dims: up.dims, data: up.data.map((v, k) => v + i.x!.data[k]!) } };
  },
};

const NETS = [DENSENET_STEM, SSD_NORMALIZE, SE_BLOCK, SEGNET_DECODER];
let results: Awaited<ReturnType<typeof runCases>> = [];
test.before(async () => {
  results = await runCases(NETS, OPENCV.ok);
});
NETS.forEach((c, k) => {
  (c.reference ? test : needing(test, OPENCV))(c.name, () => {
    const r = results[k];
    if (r instanceof Error) throw r;
    for (const one of r!) assert.ok(withinTolerance(one), `${one.output}: max abs ${one.maxAbs} over ${one.range}`);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'convcheck-caffe-nets-'));

test('DenseNet stem: ceil_mode false pools 112 → 56 (Caffe ceil rounding would give 57)', () => {
  const p = join(dir, 'stem.prototxt');
  writeFileSync(p, `input: "x" input_shape { dim: 1 dim: 3 dim: 224 dim: 224 }\n${DENSENET_STEM.net}`);
  const m = readCaffe(p);
  assert.equal(m.graph.lookup('pool1')!.shape, [1, 4, 56, 56]);
  writeFileSync(
    p,
    `input: "x" input_shape { dim: 1 dim: 3 dim: 224 dim: 224 }\n${DENSENET_STEM.net.replace(' ceil_mode: false', '')}`,
  );
  assert.equal(readCaffe(p).graph.lookup('pool1')!.shape, [1, 4, 57, 57]);
});

const FASTER_RCNN = `input: "data" input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }
input: "im_info" input_shape { dim: 1 dim: 3 }
${layer('conv5', 'Convolution', ['data'], 'convolution_param { num_output: 8 kernel_size: 3 pad: 1 stride: 2 }')}
${layer('rpn_cls', 'Convolution', ['conv5'], 'convolution_param { num_output: 18 kernel_size: 1 }')}
${layer('rpn_bbox', 'Convolution', ['conv5'], 'convolution_param { num_output: 36 kernel_size: 1 }')}
${layer('proposal', 'Python', ['rpn_cls', 'rpn_bbox', 'im_info'], `python_param { module: 'rpn.proposal_layer' layer: 'ProposalLayer' param_str: "'feat_stride': 16" }`, ['rois'])}
${layer('roi_pool5', 'ROIPooling', ['conv5', 'rois'], 'roi_pooling_param { pooled_w: 6 pooled_h: 6 spatial_scale: 0.0625 }')}
${layer('fc6', 'InnerProduct', ['roi_pool5'], 'inner_product_param { num_output: 16 }')}
${layer('cls_score', 'InnerProduct', ['fc6'], 'inner_product_param { num_output: 3 }')}
${layer('cls_prob', 'Softmax', ['cls_score'])}`;

test('Faster R-CNN head: Python proposal + ROIPooling import with their weights; shape propagation stops and resumes with --layer-shape', () => {
  const p = join(dir, 'frcnn.prototxt'),
    w = join(dir, 'frcnn.caffemodel');
  writeFileSync(p, FASTER_RCNN);
  const blob = (dims: number[], seed: number): { dims: number[]; data: Float32Array } => ({
    dims,
    data: seeded(
      dims.reduce((a, b) => a * b, 1),
      seed,
    ),
  });
  writeCaffemodel(w, {
    conv5: [blob([8, 3, 3, 3], 1), blob([8], 2)],
    rpn_cls: [blob([18, 8, 1, 1], 3), blob([18], 4)],
    rpn_bbox: [blob([36, 8, 1, 1], 5), blob([36], 6)],
    fc6: [blob([16, 8 * 6 * 6], 7), blob([16], 8)],
    cls_score: [blob([3, 16], 9), blob([3], 10)],
  });
  const m = readCaffe(p, { weightsPath: w });
  assert.equal(m.graph.lookup('roi_pool5')!.shape?.slice(1), [8, 6, 6]);
  assert.equal(m.graph.lookup('fc6/weight')!.shape, [16, 288]);
  const stops = importWarnings(m).filter((x) => x.id === 'caffe/shape-stops');
  assert.equal(
    stops.map((x) => x.layer),
    ['proposal'],
  );
  const findings = checkModel(m, ['ncnn'])[0]!.findings.filter((f) => f.ruleId === 'caffe/shape-stops');
  assert.is(findings.length, 1, 'the check report names the layer that stops shape propagation');
  const given = readCaffe(p, { weightsPath: w, layerShapes: new Map([['proposal', [[300, 5]]]]) });
  assert.equal(given.graph.lookup('cls_prob')!.shape, [300, 3]);
  assert.is(importWarnings(given).filter((x) => x.id === 'caffe/shape-stops').length, 0);
  const cli = runCli([
    'check',
    p,
    '--weights',
    w,
    '--target',
    'ncnn',
    '--layer-shape',
    'proposal=300,5',
    '--format',
    'json',
  ]);
  assert.ok(cli.code === 0 || cli.code === 1, cli.stderr);
  assert.not.match(cli.stdout, /caffe\/shape-stops/);
  assert.is(runCli(['check', p, '--layer-shape', 'nosuch=1,2']).code, 2);
});

test('an unknown field and an unknown layer type are import warnings, not silent', () => {
  const p = join(dir, 'unknown.prototxt');
  writeFileSync(
    p,
    `input: "x" input_shape { dim: 1 dim: 2 dim: 4 dim: 4 }
${layer('relu', 'ReLU', ['x'], 'relu_param { negative_slope: 0.1 wobble: 2 }')}
${layer('odd', 'FancyOp', ['relu'], 'fancy_param { k: 1 }')}`,
  );
  const w = importWarnings(readCaffe(p));
  assert.ok(
    w.some((x) => x.id === 'caffe/unknown-field' && x.layer === 'relu' && /relu_param\.wobble/.test(x.message)),
  );
  assert.ok(w.some((x) => x.id === 'caffe/unknown-field' && x.layer === 'odd' && /fancy_param/.test(x.message)));
  assert.ok(w.some((x) => x.id === 'caffe/unknown-layer' && x.layer === 'odd'));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
