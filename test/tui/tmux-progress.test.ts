/**
 * Progress on a real terminal (tmux): `convert` draws a bar on stderr while it reads and writes, and
 * erases it (the screen after the command shows no bar); with stderr piped the same command writes
 * nothing to stderr, not one control character. The raw bytes of the pane are recorded with
 * `tmux pipe-pane`; stdout goes to /dev/null, so what the pane shows comes from stderr alone.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { needing } from '../helpers/prereq.js';

const tmuxOk = spawnSync('tmux', ['-V']).status === 0;
const onTmux = needing(test, { name: 'tmux', ok: tmuxOk, install: 'apt-get install tmux' });
const tmux = (...args: string[]): string => spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const model = sample('mobilenet_v3_small-op13').path;
const dir = mkdtempSync(join(tmpdir(), 'convcheck-tmux-progress-'));

async function waitUntil(ok: () => boolean, what: string, deadlineMs = 30000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > deadlineMs) throw new Error(`timed out waiting for ${what}`);
    await pause(50);
  }
}

onTmux('convert on a terminal: a bar on stderr while reading and writing, erased when done', async () => {
  const name = `convcheck-progress-${process.pid}`;
  const log = join(dir, 'pane.log');
  const go = join(dir, 'go');
  const out = join(dir, 'tty', 'model.param');
  // CI is unset for the command: the bar must show on this terminal (CI=true turns it off)
  const command = `while [ ! -e ${go} ]; do sleep 0.05; done; env -u CI LANG=C.UTF-8 ${process.execPath} ${CLI} convert ${model} --to ncnn -o ${out} >/dev/null; echo "exit $?"; sleep 60`;
  tmux('-u', 'new-session', '-d', '-s', name, '-x', '100', '-y', '20', command);
  try {
    tmux('pipe-pane', '-t', name, `cat >> ${log}`);
    writeFileSync(go, '');
    const screen = (): string => tmux('capture-pane', '-p', '-t', name);
    await waitUntil(() => /exit \d+/.test(screen()), 'the command to finish');
    assert.match(screen(), /exit 0/);
    assert.ok(existsSync(out), 'the export was written');
    await waitUntil(() => existsSync(log) && readFileSync(log, 'latin1').includes('exit 0'), 'the pane log');
    const raw = readFileSync(log, 'utf8');
    assert.match(raw, /reading mobilenet_v3_small-op13\.onnx \[[█░]+\] +\d+%/, 'a reading bar');
    assert.match(raw, /writing ncnn \[[█░]+\] +\d+% {2}[\d.]+\/[\d.]+ MB/, 'a writing bar');
    assert.ok(raw.includes('\r\x1b[2K'), 'frames redraw their line');
    const finalScreen = screen();
    assert.not.match(finalScreen, /reading|writing|%/, `no bar left on the screen:\n${finalScreen}`);
  } finally {
    tmux('kill-session', '-t', name);
  }
});

test('convert with stderr piped: nothing on stderr, no control characters', () => {
  const r = runCli(['convert', model, '--to', 'ncnn', '-o', join(dir, 'piped', 'model.param')], {
    env: { CI: '', LANG: 'C.UTF-8' },
  });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.not.match(r.stdout, /\x1b|\r/, 'the report has no control characters either');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
