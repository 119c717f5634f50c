/**
 * Every builtin of the schema table (opsets/tflite.json) is either mapped by an op family AND proven by a
 * conformance case, or listed in converters/tflite/unsupported-builtins.json with a reason. Builtins in
 * pending-builtins.json (work under way) are printed, not failed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { tfliteTable } from '../../../converters/tflite/read-model.js';
import { tfliteImporters } from '../../../converters/tflite/ops/index.js';
import { IMPORT_HANDLED_BUILTINS } from '../../../converters/tflite/import.js';
import { CONFORMANCE_CASES } from './conformance/index.js';

const unsupported = (
  JSON.parse(readFileSync(join(ROOT, 'converters/tflite/unsupported-builtins.json'), 'utf8')) as {
    builtins: Record<string, string>;
  }
).builtins;
const pending = new Set(
  (
    JSON.parse(readFileSync(join(ROOT, 'test/converters/tflite/pending-builtins.json'), 'utf8')) as {
      builtins: string[];
    }
  ).builtins,
);
/** Builtins proven by other tests than single-op conformance cases (sparse constants need the corpus). */
const PROVEN_ELSEWHERE: Record<string, string> = {
  DENSIFY: 'densify.test.ts and the corpus sparse models vs LiteRT.js',
};

const builtins = Object.values(tfliteTable().builtinOperators);
const mapped = (b: string): boolean => tfliteImporters().has(b) || IMPORT_HANDLED_BUILTINS.includes(b);
const tested = new Set(CONFORMANCE_CASES.map((c) => c.builtin));

test('every schema builtin is mapped and tested, or listed as unsupported with a reason', () => {
  const missing = builtins.filter(
    (b) => !pending.has(b) && !unsupported[b] && !(mapped(b) && (tested.has(b) || PROVEN_ELSEWHERE[b])),
  );
  assert.equal(missing, [], `neither mapped+tested nor listed: ${missing.join(', ')}`);
  const ok = builtins.filter((b) => mapped(b) && (tested.has(b) || PROVEN_ELSEWHERE[b]));
  process.stdout.write(
    `\n  TFLite builtins: ${ok.length}/${builtins.length} mapped and tested, ${Object.keys(unsupported).length} unsupported, ${pending.size} pending: ${[...pending].join(' ')}\n`,
  );
});

test('the lists are consistent: reasons given, no builtin both mapped and listed, names from the schema', () => {
  for (const [b, why] of Object.entries(unsupported)) {
    assert.ok(builtins.includes(b), `${b} is a builtin`);
    assert.ok(why.length > 10, `${b} has a reason`);
    assert.not.ok(mapped(b), `${b} is mapped yet listed as unsupported`);
  }
  for (const b of pending) assert.ok(builtins.includes(b), `${b} is a builtin`);
  for (const c of CONFORMANCE_CASES) assert.ok(mapped(c.builtin), `case for unmapped ${c.builtin}`);
});

test.run();
