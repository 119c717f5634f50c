/** `fix` rejects the flags it does not use (exit 2, nothing written) instead of accepting and ignoring them. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-fixflags-'));

for (const [flag, value] of [
  ['--ignore', 'ncnn/Slice-steps'],
  ['--baseline', 'baseline.json'],
  ['--config', 'convcheck.json'],
  ['--fail-on', 'warning'],
  ['--no-such-flag', 'x'],
] as const) {
  test(`fix ${flag} exits 2 and writes nothing`, () => {
    const out = join(dir, 'out.onnx');
    const r = runCli(['fix', sample('unet').path, '--target', 'ncnn', '-o', out, flag, value]);
    assert.is(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`^convcheck: unknown option ${flag} for 'fix'`));
    assert.not.ok(existsSync(out));
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
