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

test('sparse constants keep their sparsity parameters, consistent with the stored values', () => {
  const f = join(base, 'face_detection', 'face_detection_full_range_sparse.tflite');
  if (!existsSync(f)) { console.log('  (skipped: @mediapipe/face_detection not installed)'); return; }
  const m = readTfliteModel(f);
  const sparse = [...m.graph.allNodes()].flatMap((n) => n.inputs).filter((v) => v?.meta.sparsity) as { name: string; meta: Record<string, unknown> }[];
  const uniq = [...new Set(sparse)];
  assert.ok(uniq.length > 0, 'sparse constants found');
  let csr = 0;
  for (const v of uniq) {
    const sp = v.meta.sparsity as { traversalOrder: number[]; blockMap: number[]; dims: { format: string; denseSize: number; segments: number[]; indices: number[] }[] };
    const bytes = v.meta.sparseBuffer as Uint8Array;
    assert.equal([...sp.traversalOrder].sort((a, b) => a - b), sp.traversalOrder.map((_, i) => i), `${v.name}: traversal order is a permutation`);
    assert.is(sp.dims.length, sp.traversalOrder.length, `${v.name}: one DimensionMetadata per traversed dimension`);
    // walk the levels: a DENSE level multiplies the count, a SPARSE_CSR level has count+1 segments and segments[count] indices
    let count = 1;
    for (const d of sp.dims) {
      if (d.format === 'DENSE') { count *= d.denseSize; continue; }
      csr++;
      assert.is(d.segments.length, count + 1, `${v.name}: segments per parent`);
      assert.ok(d.segments.every((x, i) => i === 0 ? x === 0 : x >= d.segments[i - 1]!), `${v.name}: segments nondecreasing from 0`);
      count = d.segments[d.segments.length - 1]!;
      assert.is(d.indices.length, count, `${v.name}: indices`);
    }
    // the stored values are exactly the elements the metadata addresses (fp32 or fp16 storage)
    assert.ok(bytes.length === count * 4 || bytes.length === count * 2, `${v.name}: ${bytes.length} bytes for ${count} values`);
  }
  assert.ok(csr > 0, 'compressed (SPARSE_CSR) levels checked');
  console.log(`  ${uniq.length} sparse constants (${csr} SPARSE_CSR levels): sparsity parameters consistent with their stored values`);
});

test.run();
