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

const haveTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `convcheck-e2e-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'convcheck-tmux-'));
const tmux = (...args: string[]): string => spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
const screen = (): string => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(re: RegExp, timeoutMs = 15000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const s = screen();
    if (re.test(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${re}; screen:\n${s}`);
    await sleep(100);
  }
}
async function keys(...k: string[]): Promise<void> {
  for (const x of k) {
    tmux('send-keys', '-t', session, x);
    await sleep(150);
  }
}

test('the TUI in tmux: header, navigation, filter, detail, target switch, matrix, help, quit', async () => {
  if (!haveTmux) {
    console.log('  (skipped: tmux is not installed)');
    return;
  }
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
    let s = await waitFor(/BLOCKED/);
    assert.match(s, /ssd-op13\.onnx/);
    assert.match(s, /Tencent ncnn/);
    assert.match(s, /findings by rule/);
    await keys('Tab');
    s = await waitFor(/1\/115/);
    await keys('j', 'j');
    s = await waitFor(/3\/115/);
    await keys('f');
    s = await waitFor(/filter:unsupported/);
    assert.match(s, /1\/8/);
    await keys('/', 'N', 'o', 'n', 'M', 'a', 'x', 'Enter');
    s = await waitFor(/1\/1/);
    await keys('Enter');
    s = await waitFor(/ncnn\/NonMaxSuppression-unsupported/);
    assert.match(s, /source https:\/\/github\.com\/Tencent\/ncnn/);
    await keys('Escape', 't');
    s = await waitFor(/NVIDIA TensorRT/);
    assert.match(s, /READY/);
    await keys('m');
    s = await waitFor(/All targets/);
    assert.match(s, /rknn:rk3588/);
    assert.match(s, /nnie\s+blocked/);
    await keys('m', '?');
    s = await waitFor(/Keys/);
    assert.match(s, /quit/);
    await keys('Escape', 'q');
    const t0 = Date.now();
    while (!existsSync(exitFile) && Date.now() - t0 < 10000) await sleep(100);
    assert.ok(existsSync(exitFile), 'the program exited');
    assert.is(readFileSync(exitFile, 'utf8').trim(), '1', 'exit code 1: the model has error findings');
    s = screen();
    assert.not.match(s, /All targets|Keys/, 'the alternate screen is gone: the terminal is restored');
  } finally {
    tmux('kill-session', '-t', session);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
