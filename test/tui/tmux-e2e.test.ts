/**
 * End to end: the real convcheck binary in a real terminal (tmux, 80×24) on a real model.
 * Waits for the header, navigates, filters, opens a detail pane, switches target, opens the
 * matrix and help, quits, and checks the screen at each step and the clean exit.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { waitFor } from '../helpers/wait-for-frame.js';
import { needing } from '../helpers/prereq.js';
import { TMUX } from '../helpers/prerequisites.js';

const session = `convcheck-e2e-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'convcheck-tmux-'));
const tmux = (...args: string[]): string => spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
const screen = (): string => tmux('capture-pane', '-p', '-t', session);

/** The screen once it matches `re` (polled with a deadline). */
async function screenMatching(re: RegExp, options: { absent?: boolean } = {}): Promise<string> {
  await waitFor(() => re.test(screen()) !== Boolean(options.absent), `${re}${options.absent ? ' to go' : ''}`);
  return screen();
}
/** Send one key and wait for the screen it should produce. */
async function key(k: string, re: RegExp, options: { absent?: boolean } = {}): Promise<string> {
  tmux('send-keys', '-t', session, k);
  return screenMatching(re, options);
}

const withTmux = needing(test, TMUX);

withTmux('the TUI in tmux: header, navigation, filter, detail, target switch, matrix, help, quit', async () => {
  const model = sample('ssd-op13').path;
  const exitFile = join(dir, 'exit');
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '80',
    '-y',
    '24',
    `NO_COLOR=1 ${process.execPath} ${CLI} ${model} --target ncnn; echo $? > ${exitFile}; sleep 30`,
  );
  try {
    let s = await screenMatching(/BLOCKED/);
    assert.match(s, /ssd-op13\.onnx/);
    assert.match(s, /Tencent ncnn/);
    assert.match(s, /findings by rule/);
    await key('Tab', /1\/115/);
    await key('j', /2\/115/);
    await key('j', /3\/115/);
    s = await key('f', /filter:unsupported/);
    assert.match(s, /1\/8/);
    await key('/', /\//);
    let typed = '';
    for (const k of 'NonMax') {
      typed += k;
      await key(k, new RegExp(`/${typed}█`));
    }
    s = await key('Enter', /\/NonMax {2}1\/1\b/);
    s = await key('Enter', /ncnn\/NonMaxSuppression-unsupported/);
    assert.match(s, /source https:\/\/github\.com\/Tencent\/ncnn/);
    await key('Escape', /confidence high; source|source https/, { absent: true });
    s = await key('t', /NVIDIA TensorRT/);
    assert.match(s, /READY/);
    s = await key('m', /All targets/);
    assert.match(s, /rknn:rk3588/);
    assert.match(s, /nnie\s+blocked/);
    await key('m', /All targets/, { absent: true });
    s = await key('?', /Keys/);
    assert.match(s, /quit/);
    await key('Escape', /^Keys/m, { absent: true });
    tmux('send-keys', '-t', session, 'q');
    await waitFor(() => existsSync(exitFile), 'the program to exit');
    assert.is(readFileSync(exitFile, 'utf8').trim(), '1', 'exit code 1: the model has error findings');
    s = screen();
    assert.not.match(s, /All targets|Keys/, 'the alternate screen is gone: the terminal is restored');
  } finally {
    tmux('kill-session', '-t', session);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
