/** The output-context escapes of model strings: terminal, Markdown, XML, HTML, JSON. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bound, htmlText, markdownText, termText, xmlText } from '../../src/report/safe-text.js';
import { needing } from '../helpers/prereq.js';
import { HOSTILE, HOSTILE_NAMES } from './hostile-models.js';

const TERMINAL_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('the hostile strings hold what the checks look for (the checks are not vacuous)', () => {
  assert.ok(HOSTILE_NAMES.filter((s) => TERMINAL_UNSAFE.test(s)).length >= 6);
});

test('termText: visible escapes for controls, C1, bidi, zero-width, separators, lone surrogates', () => {
  assert.is(termText(HOSTILE.escape), 'evil\\x1b[2J\\x1b]0;pwned\\x07name');
  assert.is(termText(HOSTILE.bidi), 'abc\\u202efdp.exe\\u2066x\\u2069');
  assert.is(termText(HOSTILE.c1), 'csi\\x9b31mred\\x85nel');
  assert.is(termText(HOSTILE.zeroWidth), 'zero\\u200bwidth\\u2028line');
  assert.is(termText(HOSTILE.lone), 'lone\\ud800surrogate');
  assert.is(termText('a\u{1F600}b'), 'a\u{1F600}b', 'a surrogate pair (emoji) is kept');
  for (const s of HOSTILE_NAMES) assert.not.match(termText(s), TERMINAL_UNSAFE);
});

test('bounded length, never splitting a surrogate pair', () => {
  assert.is(termText(HOSTILE.long).length, 200);
  assert.ok(termText(HOSTILE.long).endsWith('…'));
  assert.is(termText(HOSTILE.long, 10), 'LLLLLLLLL…');
  assert.is(bound('ab\u{1F600}cd', 4), 'ab…', 'the pair is dropped whole, not halved');
  assert.is(bound('short', 10), 'short');
});

test('markdownText: no table break, no inline syntax, no HTML', () => {
  for (const s of HOSTILE_NAMES) {
    const md = markdownText(s);
    assert.not.match(md, /(^|[^\\])(\\\\)*\|/, `unescaped | in ${md}`);
    assert.not.match(md, /[\n\r<>]/);
    assert.not.match(md, /(^|[^\\])(\\\\)*[`*_[\]#]/, `unescaped inline syntax in ${md}`);
  }
  assert.is(markdownText('a|b'), 'a\\|b');
  assert.is(markdownText('<script>'), '&lt;script&gt;');
});

test('xmlText and htmlText: no markup, no character XML 1.0 forbids', () => {
  const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
  for (const s of HOSTILE_NAMES)
    for (const f of [xmlText, htmlText]) {
      const out = f(s);
      assert.not.match(out, /[<>"']/);
      assert.not.match(out, /&(?!amp;|lt;|gt;|quot;|#39;)/);
      assert.not.match(out, XML_FORBIDDEN);
      assert.not.match(out, TERMINAL_UNSAFE);
    }
  assert.is(htmlText(`<img src=x onerror="a('b')">`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;');
});

needing(test, { name: 'python3', ok: existsSync('/usr/bin/python3'), install: 'apt-get install python3' })(
  'JSON keeps the original strings, lone surrogates included, and stays valid for a strict parser',
  () => {
    const json = JSON.stringify({ names: HOSTILE_NAMES });
    assert.equal((JSON.parse(json) as { names: string[] }).names, HOSTILE_NAMES);
    assert.not.match(json, /[\u0000-\u001f]/, 'controls are \\u escapes');
    assert.match(json, /\\ud800/, 'a lone surrogate is escaped, not written as invalid UTF-8');
    const py = spawnSync(
      '/usr/bin/python3',
      ['-c', 'import json,sys; print(len(json.loads(sys.stdin.read())["names"]))'],
      {
        input: json,
        encoding: 'utf8',
      },
    );
    assert.is(py.status, 0, py.stderr);
    assert.is(py.stdout.trim(), String(HOSTILE_NAMES.length));
  },
);

test.run();
