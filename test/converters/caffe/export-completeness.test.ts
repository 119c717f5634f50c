/**
 * One capability source for the Caffe target: every ONNX op that NNIE's entry of targets.json calls supported has
 * a Caffe layer family (or passes its input through), and every op the Caffe writer has a family for is either
 * supported there or listed below with the NNIE layers it is written with.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { LAYER_FAMILIES, familyOf } from '../../../converters/caffe/export/layer-families.js';

/** Ops NNIE's table does not list, which the writer expresses with layers NNIE has: how. */
const WRITTEN_WITH_NNIE_LAYERS: Record<string, string> = {
  ReduceMean: 'global Pooling AVE (over H and W, kept dims)',
  ReduceMax: 'global Pooling MAX (over H and W, kept dims)',
  Softplus: 'BNLL',
  Sqrt: 'Power (power 0.5)',
  Reciprocal: 'Power (power -1)',
  Neg: 'Power (scale -1)',
  Pow: 'Power with a constant exponent',
  Sub: 'Eltwise SUM with coefficients 1, -1, or Power with a constant',
  Div: 'Power / Scale by a constant; of two blobs, Power (−1) and Eltwise PROD',
  Squeeze: 'Reshape',
  Unsqueeze: 'Reshape',
  DepthToSpace: 'Deconvolution with one-hot weights',
  Pad: 'Convolution with one-hot weights (zero pad)',
  LayerNormalization: 'Reshape, MVN-free decomposition: Eltwise, Pooling, Power, Scale',
  Gelu: 'Eltwise, TanH / AbsVal, Power, Exp',
};
/** Ops that write no layer: their output is their input's blob. */
const PASSED_THROUGH = new Set(['Identity', 'Dropout']);

const nnieOps = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'targets.json'), 'utf8')) as {
    targets: { nnie: { ops: Record<string, { supported?: boolean }> } };
  }
).targets.nnie.ops;

test('every ONNX op NNIE supports has a Caffe layer family or is passed through', () => {
  const missing = Object.entries(nnieOps)
    .filter(([op, rule]) => !op.includes('.') && rule.supported !== false)
    .map(([op]) => op)
    .filter((op) => !familyOf(op) && !PASSED_THROUGH.has(op));
  assert.equal(missing, []);
});

test('every op with a Caffe layer family is supported by NNIE or listed with the NNIE layers it is written with', () => {
  const ops = LAYER_FAMILIES.flatMap((f) => f.ops);
  assert.equal(
    ops.filter((op) => !(op in nnieOps) && !WRITTEN_WITH_NNIE_LAYERS[op]),
    [],
  );
  // the list holds no stale entry: each has a family and is not already in NNIE's table
  assert.equal(
    Object.keys(WRITTEN_WITH_NNIE_LAYERS).filter((op) => !familyOf(op) || op in nnieOps),
    [],
  );
  assert.equal(new Set(ops).size, ops.length, 'no op is claimed by two families');
});

test.run();
