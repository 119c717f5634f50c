/**
 * No silent test: a corpus test file run where the corpus is not (CONVCHECK_CORPUS pointed at an empty place)
 * fails loudly with CI=true, and without CI reports counted skips in uvu's summary.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';

const nowhere = mkdtempSync(join(tmpdir(), 'convcheck-no-corpus-'));
const UVU = join(ROOT, 'node_modules', 'uvu', 'bin.js');

function runCorpusTests(ci: boolean): { code: number; out: string } {
  const env: Record<string, string | undefined> = { ...process.env, CONVCHECK_CORPUS: nowhere, NO_COLOR: '1' };
  delete env.CI;
  if (ci) env.CI = 'true';
  const r = spawnSync(process.execPath, [UVU, join('dist', 'test', 'converters', 'tflite'), 'corrupt\\.test\\.js$'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

test('with CI=true a missing corpus fails the run and names what is missing', () => {
  const r = runCorpusTests(true);
  assert.is.not(r.code, 0, r.out);
  assert.match(r.out, /missing prerequisite: corpus at /);
  assert.match(r.out, /Passed:\s+0/);
});

test('without CI a missing corpus is a counted skip, not a pass', () => {
  const r = runCorpusTests(false);
  assert.is(r.code, 0, r.out);
  assert.match(r.out, /Skipped:\s+1/);
  assert.match(r.out, /Passed:\s+0/);
});

test.after(() => rmSync(nowhere, { recursive: true, force: true }));
test.run();
