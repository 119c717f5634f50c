/**
 * The TUI's layout in a real terminal (tmux) at 80×24 and 200×50 on a real model with long finding
 * messages: list columns sized from the width (the message column ends at the real edge), no line
 * wider than the terminal, every overlay drawn to its full width and leaving nothing behind when it
 * closes (the screen after closing equals the screen before opening), a redraw on resize, and ASCII
 * only under LANG=C. Every step waits for a screen condition with a deadline.
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

interface Term {
  name: string;
  screen(): string;
  /** Poll the screen until `predicate` holds; fail with the screen after `deadlineMs`. */
  waitForFrame(predicate: (screen: string) => boolean, deadlineMs?: number, what?: string): Promise<string>;
  key(k: string): void;
  close(): void;
}

function open(cols: number, rows: number, env = 'LANG=C.UTF-8'): Term {
  const name = `convcheck-layout-${process.pid}-${cols}x${rows}`;
  tmux(
    '-u',
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(cols),
    '-y',
    String(rows),
    `env ${env} ${process.execPath} ${CLI} ${model} --target ncnn; sleep 60`,
  );
  tmux('set-option', '-t', name, 'window-size', 'manual');
  const screen = (): string => tmux('capture-pane', '-p', '-t', name);
  return {
    name,
    screen,
    async waitForFrame(predicate, deadlineMs = 20000, what = 'condition') {
      const t0 = Date.now();
      for (;;) {
        const s = screen();
        if (predicate(s)) return s;
        if (Date.now() - t0 > deadlineMs) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
        await pause(50);
      }
    },
    key: (k) => void tmux('send-keys', '-t', name, k),
    close: () => void tmux('kill-session', '-t', name),
  };
}

const lines = (s: string): string[] => s.split('\n');
const width = (line: string): number => [...line].length;
const ruleRows = (s: string): string[] => lines(s).filter((l) => /^(error|warning|info) +ncnn\//.test(l));

function assertFits(s: string, cols: number): void {
  for (const l of lines(s)) assert.ok(width(l) <= cols, `line wider than ${cols}: ${l}`);
}

/** The findings rows: rule ids whole, the message column reaching the right edge (cut there, with an ellipsis). */
function assertRuleColumns(s: string, cols: number): void {
  const rows = ruleRows(s);
  assert.ok(rows.length >= 3, `findings rows on screen:\n${s}`);
  assert.ok(
    rows.some((r) => width(r) === cols),
    `at least one message (they run to 200 characters) reaches the edge:\n${s}`,
  );
  assert.ok(
    rows.some((r) => width(r) === cols && /[…~]$/.test(r)),
    `a long message is cut at the edge with an ellipsis:\n${s}`,
  );
  for (const r of rows) {
    const ruleId = r.split(/ +/)[1]!;
    assert.match(ruleId, /^ncnn\/[A-Za-z]+-[a-z-]+$/, `rule id cut: ${r}`);
    // a message is cut only at the right edge (with an ellipsis); a shorter one is whole (one that fits exactly is too)
    if (width(r) < cols) assert.not.ok(/[…~]$/.test(r), `cut before the edge: ${r}`);
    const messageColumn = cols - width(r.slice(0, r.indexOf('× ') + 2));
    assert.ok(messageColumn >= cols - 45, `message column ${messageColumn} of ${cols}: ${r}`);
  }
}

/** Open an overlay, check it, close it and wait until the screen equals the one before. */
async function roundTrip(
  t: Term,
  cols: number,
  key: string,
  shown: RegExp,
  check: (s: string) => void,
  closeKey = 'Escape',
): Promise<void> {
  const before = t.screen();
  t.key(key);
  // the overlay is drawn in several writes: take a frame that shows it and did not change over one poll
  let previous = '';
  const settled = (x: string): boolean => {
    const same = x === previous;
    previous = x;
    return same && shown.test(x);
  };
  const s = await t.waitForFrame(settled, 20000, `${key} to show ${shown}`);
  assertFits(s, cols);
  check(s);
  t.key(closeKey);
  await t.waitForFrame((x) => x === before, 10000, `the screen before ${key} after closing it`);
}

/** Every line of a framed overlay ends with the frame's right border: nothing drawn past it, nothing missing. */
function assertFramed(s: string, cols: number, border: RegExp): void {
  const framed = lines(s).filter((l) => border.test(l[0] ?? ''));
  assert.ok(framed.length >= 3, `overlay frame:\n${s}`);
  for (const l of framed) assert.is(width(l), cols, `overlay line not drawn to its width: ${l}`);
}

for (const [cols, rows] of [
  [80, 24],
  [200, 50],
] as const) {
  it(`${cols}×${rows}: findings first, column widths from the width, overlays leave no stale text`, async () => {
    const t = open(cols, rows);
    try {
      let s = await t.waitForFrame((x) => /findings by rule/.test(x) && ruleRows(x).length >= 3, 30000, 'findings');
      assert.match(s, /target:ncnn +\[findings by rule\] +filter:all +sort:graph/);
      assertFits(s, cols);
      assertRuleColumns(s, cols);

      // the detail pane: the full message, wrapped (no stale text: checked by the round trip)
      await roundTrip(t, cols, 'Enter', /confidence high; source/, (x) => {
        assert.match(x, /fix: strided-slice-to-reshape \(rewrite\) *│/);
        assert.not.match(x, /\(rewrite\)\S/, 'nothing after the fix line');
      });
      await roundTrip(t, cols, 'm', /All targets/, (x) => assertFramed(x, cols, /[║╔╚]/), 'm');
      await roundTrip(t, cols, '?', /Keys/, (x) => assertFramed(x, cols, /[║╔╚]/));
      await roundTrip(t, cols, 'x', /Fixes for ncnn/, (x) => assertFramed(x, cols, /[║╔╚]/));
      await roundTrip(t, cols, 'e', /format: \(o\) ONNX/, (x) => assertFramed(x, cols, /[║╔╚]/));

      // the node list: name and op whole, the message column reaching the edge
      t.key('Tab');
      s = await t.waitForFrame((x) => /\[nodes\]/.test(x), 10000, 'the node list');
      assertFits(s, cols);
      const slice = lines(s).find((l) => /^✗ \/Slice /.test(l));
      assert.ok(slice, `a Slice row:\n${s}`);
      assert.match(
        slice!,
        /^✗ \/Slice +Slice +0 +ncnn's Crop/,
        'name, op, cost (a Slice is 0 MACs) and message columns',
      );
      assert.not.match(slice!, / … *$/, 'no column is an ellipsis alone');
      await roundTrip(t, cols, 'Enter', /out 0: /, () => undefined);
    } finally {
      t.close();
    }
  });
}

it('redraws on resize: 200×50 to 80×24, every line then fits', async () => {
  const t = open(200, 50);
  try {
    await t.waitForFrame((x) => ruleRows(x).length >= 3, 30000, 'findings');
    tmux('resize-window', '-t', t.name, '-x', '80', '-y', '24');
    const s = await t.waitForFrame(
      // tmux cuts the old 200-column lines at 80 until the app redraws: wait for rows the app itself drew at 80
      (x) => ruleRows(x).length >= 3 && ruleRows(x).every((r) => width(r) === 80 && /[…~]$/.test(r)) && /^[╭]/.test(x),
      10000,
      'rows redrawn at 80 columns',
    );
    assertFits(s, 80);
    assertRuleColumns(s, 80);
  } finally {
    t.close();
  }
});

it('LANG=C and NO_COLOR: ASCII only, same layout', async () => {
  const t = open(80, 24, 'LANG=C LC_ALL=C NO_COLOR=1');
  try {
    const s = await t.waitForFrame((x) => /findings by rule/.test(x) && ruleRows(x).length >= 3, 30000, 'findings');
    assert.ok(/^[\x20-\x7e\n]*$/.test(s), `non-ASCII on a LANG=C terminal:\n${s}`);
    for (const r of ruleRows(s)) assert.is(width(r), 80, `row not to the edge: ${r}`);
    t.key('m');
    const m = await t.waitForFrame((x) => /All targets/.test(x), 10000, 'matrix');
    assert.ok(/^[\x20-\x7e\n]*$/.test(m), `non-ASCII in the matrix:\n${m}`);
  } finally {
    t.close();
  }
});

test.run();
