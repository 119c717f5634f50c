/**
 * The cost column and cost view in a real terminal (tmux) at 80×24 and 200×50: after `c` the status
 * line says sort:cost, every node row carries a compact MAC count right-aligned in one column, every
 * line fits the terminal, and the detail pane with the node's cost leaves nothing behind when closed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { needing } from '../helpers/prereq.js';

const tmuxOk = spawnSync('tmux', ['-V']).status === 0;
const it = needing(test, { name: 'tmux', ok: tmuxOk, install: 'apt-get install tmux' });
const tmux = (...args: string[]): string => spawnSync('tmux', args, { encoding: 'utf8' }).stdout;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const model = sample('yolo-op13').path;
const width = (line: string): number => [...line].length;
/** Node rows: a verdict mark, then name, op, cost and message columns. */
const nodeRows = (s: string): string[] => s.split('\n').filter((l) => /^[✓✗~?] \//.test(l));

async function screenWhen(name: string, ok: (s: string) => boolean, what: string): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const s = tmux('capture-pane', '-p', '-t', name);
    if (ok(s)) return s;
    if (Date.now() - t0 > 30000) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await pause(50);
  }
}

for (const [cols, rows] of [
  [80, 24],
  [200, 50],
] as const) {
  it(`${cols}×${rows}: c sorts by cost, one right-aligned cost column, the detail pane's cost leaves no stale text`, async () => {
    const name = `convcheck-cost-${process.pid}-${cols}x${rows}`;
    const command = `env LANG=C.UTF-8 ${process.execPath} ${CLI} ${model} --target ncnn; sleep 60`;
    tmux('-u', 'new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), command);
    tmux('set-option', '-t', name, 'window-size', 'manual');
    try {
      await screenWhen(name, (s) => /findings by rule/.test(s), 'the first screen');
      tmux('send-keys', '-t', name, 'c');
      const s = await screenWhen(
        name,
        (x) => /\[nodes\] +filter:all +sort:cost/.test(x) && nodeRows(x).length >= 5,
        'the node list sorted by cost',
      );
      for (const l of s.split('\n')) assert.ok(width(l) <= cols, `line wider than ${cols}: ${l}`);
      const cells = nodeRows(s).map((r) => {
        const m = /^(. \S+ +\S+ +)(\S+) /.exec(r);
        assert.ok(m, `name, op and cost columns: ${r}`);
        return { end: width(m![1]!) + width(m![2]!), cost: m![2]! };
      });
      assert.ok(
        cells.every((c) => c.end === cells[0]!.end),
        `the cost column is right-aligned in one column:\n${s}`,
      );
      for (const c of cells) assert.match(c.cost, /^(\d+(\.\d)?[kMGT]?|\?)$/, 'a compact count');
      assert.match(cells[0]!.cost, /[kMG]$/, 'the costliest node first');
      tmux('send-keys', '-t', name, 'Enter');
      const d = await screenWhen(name, (x) => /cost: .* MACs/.test(x) && /roofline/.test(x), 'the detail pane');
      for (const l of d.split('\n')) assert.ok(width(l) <= cols, `line wider than ${cols}: ${l}`);
      tmux('send-keys', '-t', name, 'Escape');
      await screenWhen(name, (x) => x === s, 'the screen before the detail pane');
    } finally {
      tmux('kill-session', '-t', name);
    }
  });
}

test.run();
