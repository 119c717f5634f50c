/**
 * The quantization view in a real terminal (tmux) at 80×24 and 200×50: `Q` shows the progress line, then the
 * layers by damage under a column header with the status line naming the view; every line fits the terminal; the
 * layer rows keep one column layout (the flags column ends at the same cell on every row); the detail pane (beside
 * the list at 200 columns, in its place after Enter at 80) shows the ranges and the weight histogram; Esc returns
 * to exactly the screen before `Q`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { needing } from '../helpers/prereq.js';
import { TMUX } from '../helpers/prerequisites.js';

const it = needing(test, TMUX);
const tmux = (...args: string[]): string => spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const model = sample('yolo-op13').path;
const width = (line: string): number => [...line].length;
/** Layer rows: rank, name, op, isolated, accumulated, cosine, flags. */
const layerRows = (s: string): string[] => s.split('\n').filter((l) => /^ *\d+ .* \d\.\d{4} [WSBAD.]{5}/.test(l));
const DEADLINE_MS = 120_000;

/** A screen for which `ok` holds and which stayed the same over one more poll (not caught mid-redraw). */
async function screenWhen(name: string, ok: (s: string) => boolean, what: string): Promise<string> {
  const t0 = Date.now();
  let previous = '';
  for (;;) {
    const s = tmux('capture-pane', '-p', '-t', name);
    if (ok(s) && s === previous) return s;
    previous = s;
    if (Date.now() - t0 > DEADLINE_MS) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await pause(50);
  }
}

const fits = (s: string, cols: number): void => {
  for (const l of s.split('\n')) assert.ok(width(l) <= cols, `line wider than ${cols}: ${l}`);
};

for (const [cols, rows] of [
  [80, 24],
  [200, 50],
] as const) {
  it(`${cols}×${rows}: Q runs the analysis, layers by damage in one layout, detail with histogram, Esc returns`, async () => {
    const name = `convcheck-quant-${process.pid}-${cols}x${rows}`;
    const command = `env LANG=C.UTF-8 ${process.execPath} ${CLI} ${model} --target ncnn; sleep 120`;
    tmux('-u', 'new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), command);
    tmux('set-option', '-t', name, 'window-size', 'manual');
    try {
      const before = await screenWhen(name, (s) => /findings by rule/.test(s), 'the first screen');
      tmux('send-keys', '-t', name, 'Q');
      const s = await screenWhen(name, (x) => /# layer/.test(x) && layerRows(x).length >= 3, 'the layer list');
      assert.match(s, /\[quantization\]/, 'the status line names the view');
      assert.match(s, /synthetic samples: indicative only/);
      fits(s, cols);
      const ends = layerRows(s).map((r) => {
        const m = /\d\.\d{4} [WSBAD.]{5}/.exec(r)!;
        return width(r.slice(0, m.index + m[0].length));
      });
      assert.ok(
        ends.every((e) => e === ends[0]),
        `the flags column ends at one cell on every row:\n${s}`,
      );
      let d = s;
      if (cols < 120) {
        tmux('send-keys', '-t', name, 'Enter');
        d = await screenWhen(name, (x) => /\|weight\| histogram/.test(x), 'the detail pane');
      }
      assert.match(d, /input .*: range \[/);
      assert.match(d, /\|weight\| histogram/);
      fits(d, cols);
      if (cols < 120) {
        tmux('send-keys', '-t', name, 'Enter');
        await screenWhen(name, (x) => x === s, 'the list again');
      }
      tmux('send-keys', '-t', name, 'Escape');
      await screenWhen(name, (x) => x === before, 'the screen before Q');
    } finally {
      tmux('kill-session', '-t', name);
    }
  });
}

test.run();
