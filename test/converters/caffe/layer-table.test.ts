/** opsets/caffe.json and the layer records agree: every registered type is in the table and every mapped table entry has a record. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CAFFE_OPS, layerOp } from '../../../converters/caffe/ops/index.js';
import { caffeLayers, v1LayerTypes } from '../../../converters/caffe/v1-types.js';
import { caffeMessages } from '../../../converters/caffe/caffe-schema.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { CORPUS } from '../../helpers/paths.js';
import { join } from 'node:path';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ } from '../../helpers/prerequisites.js';

test('every registered layer type is in opsets/caffe.json, and every table entry that is not skipped has a record', () => {
  const table = caffeLayers();
  for (const op of CAFFE_OPS)
    for (const t of op.types)
      assert.ok(table[t] && table[t]!.inference !== 'not-for-inference', `${t} is described in opsets/caffe.json`);
  for (const [t, d] of Object.entries(table)) {
    if (t === 'Input') continue; // graph inputs, read by the importer itself
    if (d.inference === 'not-for-inference') assert.not.ok(layerOp(t), `${t}: skipped in the table but registered`);
    else assert.ok(layerOp(t), `${t}: opsets/caffe.json says '${d.maps}' but no record in ops/ imports it`);
    if (d.inference !== 'mapped') assert.ok(d.reason && d.reason.length > 20, `${t}: ${d.inference} needs a reason`);
    if (d.param)
      assert.ok(caffeMessages().get('LayerParameter')!.fields[d.param], `${t}: ${d.param} is a LayerParameter field`);
  }
  assert.is(v1LayerTypes().CONVOLUTION, 'Convolution');
  assert.is(v1LayerTypes().SOFTMAX_LOSS, 'SoftmaxWithLoss');
});

test('a layer type is registered once, and foreign-with-shape layers state their output dims', () => {
  const seen = new Set<string>();
  for (const op of CAFFE_OPS)
    for (const t of op.types) {
      assert.not.ok(seen.has(t), `${t} registered twice`);
      seen.add(t);
      if (caffeLayers()[t]?.inference === 'foreign-with-shape' && t !== 'Python' && t !== 'PriorBox')
        assert.ok(op.shape, `${t} is foreign: its record needs a shape function`);
    }
});

test('the fork fields OpenCV reads are in the schema (PoolingParameter.ceil_mode)', () => {
  const pooling = caffeMessages().get('PoolingParameter')!;
  assert.is(pooling.fields.round_mode?.number, 13);
  assert.is(pooling.fields.ceil_mode?.type, 'bool');
  assert.is(caffeMessages().get('LayerParameter')!.fields.norm_param?.type, 'NormalizeBBoxParameter');
});
needing(test, CORPUS_PREREQ)(
  'a foreign layer with a known output shape gets it (DetectionOutput: [1, 1, n, 7])',
  () => {
    const p = join(CORPUS, 'caffe', 'mobilenet_ssd.prototxt');
    const m = readCaffe(p, {});
    const out = m.graph.outputs.find((v) => v.producer?.op === 'DetectionOutput')!;
    assert.equal([out.shape![0], out.shape![1], typeof out.shape![2], out.shape![3]], [1, 1, 'string', 7]);
  },
);

test.run();
