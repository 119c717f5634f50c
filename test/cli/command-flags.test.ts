/**
 * The per-command option table (src/cli/command-flags.ts), walked for every command: each listed option is
 * accepted, every other command's option and an unknown one are usage errors — and the CLI exits 2 on them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMAND_FLAGS } from '../../src/cli/command-flags.js';
import { allowFlags, type Args } from '../../src/cli/args.js';
import { UsageError } from '../../src/io/input-error.js';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';

const ALL = [...new Set(Object.values(COMMAND_FLAGS).flat())];
const argsWith = (command: string, name: string): Args => ({
  command,
  positionals: ['m.onnx'],
  flags: new Map([[name, ['1']]]),
});
const rejects = (command: string, name: string): boolean => {
  try {
    allowFlags(argsWith(command, name), COMMAND_FLAGS[command as keyof typeof COMMAND_FLAGS]);
    return false;
  } catch (e) {
    if (e instanceof UsageError) return true;
    throw e;
  }
};

for (const [command, flags] of Object.entries(COMMAND_FLAGS)) {
  test(`${command}: its ${flags.length} options pass, the other ${ALL.length - flags.length} and unknown ones are usage errors`, () => {
    const own = new Set<string>(flags);
    for (const f of flags) assert.not.ok(rejects(command, f), `--${f} is accepted`);
    for (const f of ALL.filter((x) => !own.has(x))) assert.ok(rejects(command, f), `--${f} is not ${command}'s`);
    assert.ok(rejects(command, 'no-such-option'));
  });
}

test('the CLI exits 2 on an option another command takes (fix --ignore, --baseline, --config, --fail-on) and an unknown one', () => {
  const model = sample('densenet').path;
  for (const f of ['ignore', 'baseline', 'config', 'fail-on']) {
    const r = runCli(['fix', model, '--target', 'ncnn', '-o', '/nonexistent/out.onnx', `--${f}`, 'x']);
    assert.is(r.code, 2, `fix --${f}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`unknown option --${f} for 'fix'`));
  }
  const r = runCli(['inspect', model, '--to', 'ncnn']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown option --to for 'inspect'/);
});

test.run();
