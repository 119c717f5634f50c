/** Multi-head attention regions: recognised in the real ViT exports, accepted by the ncnn checker there only, exported as one layer each. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnnx } from '../../../converters/onnx/import.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { multiheadAttentions } from '../../../src/patterns/multihead-attention.js';
import { runRewrites } from '../../../src/rewrite/engine.js';
import { checkModel } from '../../../src/check/engine.js';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { sample } from '../../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-mha-'));

for (const name of ['vit-op11', 'vit-op13', 'vit-op17']) {
  test(`${name}: two attention regions (E 32, 2 heads, scale 1/4), no ncnn error left, two MultiHeadAttention layers`, () => {
    const m = readOnnx(sample(name).path);
    runRewrites(m, new Set(['fold-shape-arithmetic', 'fold-constants', 'eliminate-identity']));
    const found = multiheadAttentions(m.graph);
    assert.is(found.length, 2);
    for (const a of found) {
      assert.equal([a.embedDim, a.heads, a.nodes.size], [32, 2, 21]);
      assert.ok(Math.abs(a.scale - 0.25) < 1e-7);
    }
    const errors = checkModel(m, ['ncnn'])[0]!.findings.filter((f) => f.level === 'error');
    assert.equal(
      errors.map((f) => f.ruleId),
      [],
    );
    exportNcnn(m, join(dir, `${name}.param`), {});
    assert.is(readFileSync(join(dir, `${name}.param`), 'utf8').match(/^MultiHeadAttention /gm)?.length, 2);
  });
}

test('a lone batch-axis Transpose is still an ncnn error', () => {
  const m = parseModelText('input x: float32[1,17,32]\ny = Transpose<perm=[1,0,2]>(x)\nz = Relu(y)\noutput z');
  inferShapes(m);
  assert.equal(
    checkModel(m, ['ncnn'])[0]!
      .findings.filter((f) => f.level === 'error')
      .map((f) => f.ruleId),
    ['ncnn/Transpose-batch-axis'],
  );
  assert.is(multiheadAttentions(m.graph).length, 0);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
