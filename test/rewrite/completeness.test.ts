/** Every implemented rewrite id has a rule file in the pipeline and a test; the pipeline implements exactly the ids marked implemented. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { PIPELINE } from '../../src/rewrite/pipeline.js';
import { REWRITE_IDS } from '../../src/rewrite/rule-ids.js';

test('rule files, pipeline, id registry and tests agree', () => {
  const files = readdirSync(join(ROOT, 'src', 'rewrite', 'rules'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const inPipeline = PIPELINE.map((r) => r.id).sort();
  assert.equal(files, inPipeline, 'every rule file is in the pipeline, named by its id');
  const implemented = Object.entries(REWRITE_IDS)
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();
  assert.equal(implemented, inPipeline, 'rule-ids.ts marks exactly the pipeline ids as implemented');
  const dir = join(ROOT, 'test', 'rewrite');
  const tests = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  // a test named exactly by the rule id (followed by a quote, space, colon or parenthesis): `fuse-gelu` is not
  // covered by a test of `fuse-gelu-tanh`
  const covers = (id: string): boolean =>
    new RegExp(`test\\('${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=['\\s:(,])`).test(tests);
  for (const id of inPipeline) assert.ok(covers(id), `rule ${id} has a test`);
  for (const r of PIPELINE)
    assert.ok(
      ['exact', 'approx', 'interface'].includes(r.safety) && r.source.startsWith('https://'),
      `${r.id} declares safety and source`,
    );
});

test.run();
