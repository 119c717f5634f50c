/** Import + shape inference + check of a small real model and a generated ~100 MB model. */
import { join } from 'node:path';
import { loadModel } from '../../converters/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { checkModel } from '../../src/check/engine.js';
import { measure, report } from '../measure.js';
import { convChain, sizeMB } from '../fixtures.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const which = process.argv[2] ?? 'small';
const path =
  which === 'small'
    ? join(PACKAGE_ROOT, 'samples', 'onnx', 'resnet18.onnx')
    : convChain('conv-chain-100mb.onnx', 40, 256);
const load = measure(() => loadModel(path));
const infer = measure(() => prepareModel(load.value));
const check = measure(() => checkModel(load.value, ['tensorrt', 'ncnn', 'rknn', 'nnie', 'cv22']));
report({
  name: `import ${which === 'small' ? 'resnet18 sample' : '~100 MB conv chain'} (${sizeMB(path).toFixed(1)} MB)`,
  seconds: load.seconds + infer.seconds,
  importS: +load.seconds.toFixed(3),
  inferS: +infer.seconds.toFixed(3),
  checkAll5S: +check.seconds.toFixed(3),
  nodes: load.value.graph.nodes.length,
  fileMB: +sizeMB(path).toFixed(1),
});
