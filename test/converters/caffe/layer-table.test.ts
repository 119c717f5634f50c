/** opsets/caffe.json and the importer agree: every mapped layer type is in the table and vice versa; V1 enum names come from it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LAYERS } from '../../../converters/caffe/layer-map.js';
import { caffeLayers, V1_LAYER_TYPES } from '../../../converters/caffe/v1-types.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { CORPUS } from '../../helpers/paths.js';
import { join } from 'node:path';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ } from '../../helpers/prerequisites.js';

test('every layer the importer maps is in opsets/caffe.json with a mapping, and the table names only real behaviour', () => {
  const table = caffeLayers();
  for (const t of Object.keys(LAYERS))
    assert.ok(
      table[t] && table[t]!.maps !== 'foreign',
      `${t} is mapped by layer-map.ts and described in opsets/caffe.json`,
    );
  for (const [t, d] of Object.entries(table)) {
    const special =
      /^(graph input|skipped|removed at inference|alias)/.test(d.maps) ||
      t.startsWith('PriorBox') ||
      d.maps.startsWith('caffe.');
    if (d.maps !== 'foreign' && !special)
      assert.ok(LAYERS[t], `${t}: opsets/caffe.json says '${d.maps}' but layer-map.ts has no mapper`);
    if (d.maps === 'foreign') assert.not.ok(LAYERS[t], `${t}: mapped in layer-map.ts but 'foreign' in the table`);
  }
  assert.is(V1_LAYER_TYPES.CONVOLUTION, 'Convolution');
  assert.is(V1_LAYER_TYPES.SOFTMAX_LOSS, 'SoftmaxWithLoss');
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
