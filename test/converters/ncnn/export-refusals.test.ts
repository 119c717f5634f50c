/**
 * Every limit of the ncnn exporter is a rule of the ncnn check: for each, a graph the check reports under that rule
 * id (as an error), and the export refuses naming the same id — and writes nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { checkModel } from '../../../src/check/engine.js';
import { findRule } from '../../../src/check/targets.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { REFUSAL_CASES } from './refusal-cases.js';
import { blockerRule, disagreement, readyAndExport } from './ready-export-run.js';
import type { Model } from '../../../src/ir/model.js';

const fixable = new Set(REFUSAL_CASES.map(([id]) => id).filter((id) => findRule(id)?.rule.fix));
const parse = (text: string): Model => {
  const m = parseModelText(text);
  inferShapes(m);
  return m;
};

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-refusals-'));

for (const [ruleId, text] of REFUSAL_CASES) {
  test(`${ruleId}: the check reports it and the export refuses naming it`, () => {
    const m = parse(text);
    const errors = checkModel(m, ['ncnn'])[0]!.findings.filter((f) => f.level === 'error');
    assert.ok(
      errors.some((f) => f.ruleId === ruleId),
      `check errors: ${errors.map((f) => f.ruleId).join(', ') || 'none'}`,
    );
    const base = join(dir, ruleId.replace('/', '_'));
    let blockers: string[] = [];
    try {
      exportNcnn(m, `${base}.param`, {});
    } catch (e) {
      if (!(e instanceof ExportBlocked)) throw e;
      blockers = e.blockers;
    }
    if (fixable.has(ruleId)) {
      // the exporter applies the exact fix the finding names (as `fix` does): afterwards READY ⇔ exported
      const fixed = readyAndExport(parse(text));
      assert.is(disagreement(fixed), null);
    } else {
      assert.ok(blockers.length > 0, 'the export refuses');
      assert.ok(
        blockers.some((b) => blockerRule(b) === ruleId),
        blockers.join('\n'),
      );
    }
    if (blockers.length) assert.not.ok(existsSync(`${base}.param`), 'a refused export writes nothing');
  });
}

test('every rule a refusal case names is an ncnn rule of targets.json that cites ncnn', () => {
  for (const [id] of REFUSAL_CASES) {
    const found = findRule(id);
    assert.ok(found && found.target === 'ncnn', `${id} is an ncnn rule of targets.json`);
    assert.match(found!.rule.source.url, /^https:\/\/github\.com\/Tencent\/ncnn\//, `${id} cites ncnn`);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
