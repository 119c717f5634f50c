/** `fix --verify --rtol/--atol` through the real CLI: a value that is not a non-negative number is a usage error. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-tol-'));

for (const [flag, value] of [
  ['--rtol', 'abc'],
  ['--rtol', 'NaN'],
  ['--rtol', '-1'],
  ['--rtol', ''],
  ['--atol', 'Infinity'],
  ['--atol', '1e-3x'],
  ['--atol', '-0.5'],
] as const) {
  test(`fix --verify ${flag} '${value}' exits 2 and writes nothing`, () => {
    const out = join(dir, 'out.onnx');
    const r = runCli(['fix', sample('yolo-op13').path, '--target', 'ncnn', '-o', out, '--verify', `${flag}=${value}`]);
    assert.is(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`^convcheck: ${flag} must be a non-negative number`));
    assert.not.ok(existsSync(out));
  });
}

test('valid --rtol and --atol are used and printed', () => {
  const out = join(dir, 'ok.onnx');
  const r = runCli(['fix', sample('unet').path, '--target', 'ncnn', '-o', out, '--verify', '--rtol', '1e-4']);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /rtol 0\.0001, atol 0\.000001\): EQUAL/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
