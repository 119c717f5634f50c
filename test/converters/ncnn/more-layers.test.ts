/** Small graphs of the further ncnn layers: export → ncnn re-import → onnxruntime equals the original (several fills). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { readNcnn } from '../../../converters/ncnn/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';
import { LAYER_CASES } from './layer-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-more-'));

for (const [op, layer, graph] of LAYER_CASES) {
  test(`${op} → ncnn ${layer}`, async () => {
    const m = parseModelText(graph);
    inferShapes(m);
    const original = toOnnxBytes(m);
    const base = join(dir, op);
    exportNcnn(m, `${base}.param`, {});
    assert.match(readFileSync(`${base}.param`, 'utf8'), new RegExp(`^${layer} `, 'm'));
    const back = readNcnn(`${base}.param`);
    for (const seed of [1, 2, 3]) {
      const x = randomInput(m.graph.inputs[0]!.shape as number[], seed);
      const a = await runOrt(original, { x }),
        b = await runOrt(toOnnxBytes(back), { [back.graph.inputs[0]!.name]: x });
      const d = compare(b[back.graph.outputs[0]!.name]!.data, a.y!.data);
      assert.ok(d.maxRel <= 1e-5, `${op}: max rel ${d.maxRel}`);
    }
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
