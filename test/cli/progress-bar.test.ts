/**
 * The progress bar's contract with a fake stream and clock: nothing on a pipe, under CI or with quiet;
 * on a terminal at most one frame per 100 ms, never wider than the terminal, ASCII outside UTF-8
 * locales, and its line erased when done.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REDRAW_MS, startProgress, type ProgressStream } from '../../src/cli/progress-bar.js';

function fakeTerminal(isTTY: boolean, columns = 60): ProgressStream & { out: string } {
  return {
    isTTY,
    columns,
    out: '',
    write(s: string) {
      this.out += s;
      return true;
    },
  };
}

/** The frames drawn: text after each line erase, without the erase itself. */
const frames = (out: string): string[] => out.split('\r\x1b[2K').filter(Boolean);

test('a pipe, CI and --quiet get nothing at all', () => {
  for (const [stream, env, quiet] of [
    [fakeTerminal(false), {}, false],
    [fakeTerminal(true), { CI: 'true' }, false],
    [fakeTerminal(true), {}, true],
  ] as const) {
    const bar = startProgress({ label: 'reading', unit: 'bytes', stream, env, quiet });
    bar.update(1, 10);
    bar.update(10, 10);
    bar.done();
    assert.is(stream.out, '');
  }
});

test('a terminal gets at most one frame per interval, each within the width, and a clean line at the end', () => {
  const stream = fakeTerminal(true, 50);
  let clock = 0;
  const bar = startProgress({
    label: 'reading a-model-with-a-long-name.onnx',
    unit: 'bytes',
    stream,
    env: { LANG: 'C.UTF-8' },
    now: () => clock,
  });
  for (let k = 1; k <= 100; k++) {
    clock += 10; // 100 updates over one second
    bar.update(k * 2 ** 20, 100 * 2 ** 20, `${k} nodes`);
  }
  const drawn = frames(stream.out);
  assert.ok(drawn.length >= 9 && drawn.length <= 1000 / REDRAW_MS, `${drawn.length} frames in 1 s`);
  for (const f of drawn) assert.ok([...f].length < 50, `frame fits 50 columns: ${f}`);
  assert.match(drawn.at(-1)!, /%/);
  bar.done();
  assert.ok(stream.out.endsWith('\r\x1b[2K'), 'the line is erased');
  bar.update(1, 1);
  bar.done();
  assert.ok(stream.out.endsWith('\r\x1b[2K'), 'nothing after done');
});

test('wide terminal: a bar whose filling follows the counts; ASCII outside UTF-8; a count alone without a total', () => {
  const stream = fakeTerminal(true, 120);
  let clock = 0;
  const bar = startProgress({ label: 'verifying', unit: 'runs', stream, env: { LANG: 'C' }, now: () => clock });
  bar.update(3, 6);
  const half = frames(stream.out).at(-1)!;
  assert.match(half, /^verifying \[#+-+\] +50% {2}3\/6 runs$/);
  assert.is(half.split('#').length - 1, half.split('-').length - 1, 'half filled');
  clock += REDRAW_MS;
  bar.update(7, 0);
  assert.match(frames(stream.out).at(-1)!, /^verifying {2}7 runs$/);
  bar.done();
});

test.run();
