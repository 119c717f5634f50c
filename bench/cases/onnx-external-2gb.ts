/** A > 2 GB model with external data: the audit reads the graph only, never the 2 GB of weights. */
import { loadModel } from '../../converters/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { checkModel } from '../../src/check/engine.js';
import { measure, report } from '../measure.js';
import { convChain, sizeMB } from '../fixtures.js';

const path = convChain('conv-chain-2200mb.onnx', 60, 1024, { externalData: true });
const load = measure(() => loadModel(path));
const infer = measure(() => prepareModel(load.value));
const check = measure(() => checkModel(load.value, ['tensorrt', 'ncnn']));
report({
  name: `import external-data model (${sizeMB(path).toFixed(0)} MB)`,
  seconds: load.seconds + infer.seconds,
  checkS: +check.seconds.toFixed(3),
  nodes: load.value.graph.nodes.length,
  fileMB: Math.round(sizeMB(path)),
});
