/**
 * One capability source: what the ncnn exporter refuses, the ncnn check reports as an error with the same rule
 * id (and what the check passes, the exporter writes).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { checkModel } from '../../../src/check/engine.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { ExportBlocked } from '../../../converters/converter.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-capability-'));

function verdict(text: string): { errors: string[]; exported: boolean; blockers: string[] } {
  const m = parseModelText(text);
  inferShapes(m);
  const errors = checkModel(m, ['ncnn'])[0]!
    .findings.filter((f) => f.level === 'error')
    .map((f) => f.ruleId);
  const base = join(dir, `m${Math.random().toString(36).slice(2)}`);
  try {
    exportNcnn(m, `${base}.param`, {});
    return { errors, exported: true, blockers: [] };
  } catch (e) {
    if (!(e instanceof ExportBlocked)) throw e;
    assert.not.ok(existsSync(`${base}.param`), 'a refused export writes nothing');
    return { errors, exported: false, blockers: e.blockers };
  }
}

for (const op of ['MaxPool', 'AveragePool']) {
  test(`${op} with dilations: the check reports ncnn/${op}-dilations and the export refuses naming it`, () => {
    const v = verdict(
      `opset 19\ninput x: float32[1,3,9,9]\ny = ${op}<kernel_shape=[3,3], dilations=[2,2]>(x)\noutput y`,
    );
    assert.equal(v.errors, [`ncnn/${op}-dilations`]);
    assert.not.ok(v.exported);
    assert.ok(
      v.blockers.every((b) => b.includes(`[ncnn/${op}-dilations]`)),
      v.blockers.join('; '),
    );
  });

  test(`${op} without dilations (or dilations 1): ready and exported`, () => {
    for (const attrs of ['kernel_shape=[3,3]', 'kernel_shape=[3,3], dilations=[1,1]']) {
      const v = verdict(`opset 19\ninput x: float32[1,3,9,9]\ny = ${op}<${attrs}>(x)\noutput y`);
      assert.equal(v.errors, []);
      assert.ok(v.exported, v.blockers.join('; '));
    }
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
