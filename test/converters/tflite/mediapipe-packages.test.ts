/** Every .tflite that the @mediapipe/* npm solution packages ship imports (the corpus holds the ones packed inside *.data). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';

const base = join(ROOT, 'node_modules', '@mediapipe');

test('every .tflite of the @mediapipe packages imports', () => {
  if (!existsSync(base)) { console.log('  (skipped: no @mediapipe packages installed)'); return; }
  const files = readdirSync(base).flatMap((p) => readdirSync(join(base, p)).filter((f) => f.endsWith('.tflite')).map((f) => join(base, p, f)));
  assert.ok(files.length >= 10, `${files.length} models`);
  const lines: string[] = [];
  for (const f of files) {
    const m = readTfliteModel(f);
    assert.ok(m.graph.nodes.length > 10, f);
    const foreign = [...new Set(m.graph.nodes.filter((n) => n.domain === 'tflite').map((n) => n.op))];
    lines.push(`${f.split('/').slice(-2).join('/')}: ${m.graph.nodes.length} nodes${foreign.length ? `, kept foreign: ${foreign.join(', ')}` : ''}`);
  }
  console.log(`  ${files.length} models imported\n  ${lines.join('\n  ')}`);
});

test.run();
