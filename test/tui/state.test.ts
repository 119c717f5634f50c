import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initialState, reduce, typeSearch } from '../../src/tui/state.js';
import { actionFor, KEYMAP } from '../../src/tui/keymap.js';

const ctx = { rows: 100, page: 10, targets: 5 };

test('navigation keys move the selection and keep it in the visible window', () => {
  let s = initialState;
  s = reduce(s, 'down', ctx);
  assert.is(s.selected, 1);
  s = reduce(s, 'page-down', ctx);
  assert.is(s.selected, 11);
  assert.ok(s.top <= 11 && 11 < s.top + ctx.page, 'selection visible');
  s = reduce(s, 'end', ctx);
  assert.is(s.selected, 99);
  assert.is(s.top, 90);
  s = reduce(s, 'home', ctx);
  assert.equal([s.selected, s.top], [0, 0]);
  s = reduce(s, 'up', ctx);
  assert.is(s.selected, 0, 'clamped at the first row');
});

test('filter cycles through verdicts, sort through orders, targets wrap around', () => {
  let s = initialState;
  const filters = [1, 2, 3, 4, 5].map(() => (s = reduce(s, 'filter', ctx)).filter);
  assert.equal(filters, ['unsupported', 'partial', 'unknown', 'supported', 'all']);
  s = reduce(s, 'sort', ctx);
  assert.is(s.sort, 'verdict');
  s = reduce(s, 'target-3', ctx);
  assert.is(s.targetIndex, 2);
  for (let i = 0; i < 3; i++) s = reduce(s, 'next-target', ctx);
  assert.is(s.targetIndex, 0);
  assert.is(reduce(s, 'target-5', { ...ctx, targets: 2 }).targetIndex, 0, 'no such target: unchanged');
});

test('overlays open, close with Esc or their own key, and swallow list keys', () => {
  let s = reduce(initialState, 'help', ctx);
  assert.is(s.overlay, 'help');
  assert.is(reduce(s, 'down', ctx).selected, 0, 'list keys ignored under an overlay');
  assert.is(reduce(s, 'help', ctx).overlay, null);
  s = reduce(initialState, 'matrix', ctx);
  assert.is(reduce(s, 'close', ctx).overlay, null);
  s = reduce(initialState, 'toggle-detail', ctx);
  assert.ok(s.detail);
  assert.not.ok(reduce(s, 'close', ctx).detail);
});

test('search line takes typing, backspace, Enter keeps and Esc clears', () => {
  let s = reduce(initialState, 'search', ctx);
  assert.ok(s.searching);
  for (const ch of 'conv') s = typeSearch(s, ch, {});
  assert.is(s.search, 'conv');
  s = typeSearch(s, '', { backspace: true });
  assert.is(s.search, 'con');
  s = typeSearch(s, '', { return: true });
  assert.equal([s.searching, s.search], [false, 'con']);
  s = typeSearch(reduce(s, 'search', ctx), '', { escape: true });
  assert.equal([s.searching, s.search], [false, '']);
});

test('every bound key maps to its action', () => {
  for (const b of KEYMAP)
    for (const k of b.keys) {
      if (k.length !== 1) continue;
      assert.is(actionFor(k, {}), b.action, `key ${k}`);
    }
  assert.is(actionFor('', { upArrow: true }), 'up');
  assert.is(actionFor('c', { ctrl: true }), 'quit');
  assert.is(actionFor('', { tab: true }), 'toggle-view');
  assert.is(actionFor('Z', {}), null);
});

test.run();
