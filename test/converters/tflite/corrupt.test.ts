/** Corrupt TFLite files (truncations, byte flips, offset corruption) are InputErrors, never crashes or hangs. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../../helpers/paths.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { InputError } from '../../../src/io/input-error.js';
import { seeded } from '../../../src/ir/text.js';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ } from '../../helpers/prerequisites.js';

needing(test, CORPUS_PREREQ)('240 mutated models: clean import or a one-line InputError', () => {
  const src = join(CORPUS, 'tflite', 'hand_recrop.tflite');
  const buf = readFileSync(src);
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-tfl-'));
  const r = seeded(9);
  let errors = 0,
    total = 0;
  try {
    for (let i = 0; i < 240; i++) {
      const b = Uint8Array.from(i < 80 ? buf.subarray(0, Math.floor(r() * buf.length)) : buf);
      if (i >= 80 && i < 160)
        for (let k = 0; k < 6; k++) b[Math.floor(r() * Math.min(b.length, 4096))] ^= 1 << Math.floor(r() * 8);
      if (i >= 160) {
        const at = 4 * Math.floor((r() * Math.min(b.length, 8192)) / 4);
        b[at] = 0xff;
        b[at + 1] = 0xff;
        b[at + 2] = 0x7f;
      }
      const p = join(dir, `m${i}.tflite`);
      writeFileSync(p, b);
      total++;
      try {
        readTfliteModel(p);
      } catch (e) {
        if (!(e instanceof InputError)) throw new Error(`mutation ${i}: ${(e as Error).stack}`);
        assert.not.match(e.problem, /\n/);
        errors++;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `  ${total} mutated TFLite files: ${errors} rejected with a one-line error, ${total - errors} still import`,
  );
  assert.ok(errors > 80);
});

test.run();
