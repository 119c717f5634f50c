/**
 * src/cli/terminal.ts: a file, a pipe or /dev/null is not a terminal (a file or pipe told from its stat alone);
 * a report written through writeStdout arrives whole through a pipe whatever its size. That a real terminal is
 * one is what the tmux tests show (test/tui/tmux-e2e.test.ts: the TUI starts; tmux-progress: the bar draws).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { isTerminal } from '../../src/cli/terminal.js';

const TERMINAL = join(ROOT, 'dist', 'src', 'cli', 'terminal.js');

test('a file, a pipe and a closed descriptor are not terminals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-terminal-'));
  try {
    const fd = openSync(join(dir, 'out.txt'), 'w');
    assert.not.ok(isTerminal(fd));
    closeSync(fd);
    assert.not.ok(isTerminal(fd), 'closed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { isTerminal } from '${TERMINAL}'; process.stdout.write(\`\${isTerminal(0)} \${isTerminal(1)}\`);`,
    ],
    { encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'] },
  );
  assert.is(child.stdout.trim(), 'false false');
});

test('/dev/null is a character device but not a terminal', () => {
  const fd = openSync('/dev/null', 'w');
  try {
    assert.not.ok(isTerminal(fd));
  } finally {
    closeSync(fd);
  }
});

test('writeStdout delivers 4 MB through a pipe whole and in order', () => {
  const script = `import { writeStdout } from '${TERMINAL}';
const line = (i) => String(i).padStart(8, '0') + '\\n';
writeStdout(Array.from({ length: 1 << 19 }, (_, i) => line(i)).join(''));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  assert.is(child.status, 0, child.stderr);
  const lines = child.stdout.split('\n');
  assert.is(lines.length, (1 << 19) + 1);
  assert.is(lines[12345], '00012345');
  assert.is(lines[(1 << 19) - 1], String((1 << 19) - 1).padStart(8, '0'));
});

test.run();
