/** Every .tflite that the @mediapipe/* npm solution packages ship imports (the corpus holds the ones packed inside *.data). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { readTflite } from '../../../converters/tflite/read-model.js';
import { needing } from '../../helpers/prereq.js';
import { npmPackage } from '../../helpers/prerequisites.js';

const base = join(ROOT, 'node_modules', '@mediapipe');

needing(test, npmPackage('@mediapipe/selfie_segmentation'))('every .tflite of the @mediapipe packages imports', () => {
  const files = readdirSync(base).flatMap((p) =>
    readdirSync(join(base, p))
      .filter((f) => f.endsWith('.tflite'))
      .map((f) => join(base, p, f)),
  );
  assert.ok(files.length >= 10, `${files.length} models`);
  const lines: string[] = [];
  for (const f of files) {
    const m = readTfliteModel(f);
    assert.ok(m.graph.nodes.length > 10, f);
    const foreign = [...new Set(m.graph.nodes.filter((n) => n.domain === 'tflite').map((n) => n.op))];
    lines.push(
      `${f.split('/').slice(-2).join('/')}: ${m.graph.nodes.length} nodes${foreign.length ? `, kept foreign: ${foreign.join(', ')}` : ''}`,
    );
  }
  console.log(`  ${files.length} models imported\n  ${lines.join('\n  ')}`);
});

needing(test, npmPackage('@mediapipe/face_detection'))(
  'sparse constants: sparsity parameters consistent with the stored values, densified at import',
  () => {
    const f = join(base, 'face_detection', 'face_detection_full_range_sparse.tflite');
    const tfl = readTflite(new Uint8Array(readFileSync(f)), f);
    const sparse = tfl.subgraphs[0]!.tensors.filter((t) => t.sparsity);
    assert.ok(sparse.length > 0, 'sparse constants found');
    let csr = 0;
    for (const t of sparse) {
      const sp = t.sparsity!;
      const bytes = tfl.buffers[t.buffer]!.read();
      assert.equal(
        [...sp.traversalOrder].sort((a, b) => a - b),
        sp.traversalOrder.map((_, i) => i),
        `${t.name}: traversal order is a permutation`,
      );
      assert.is(sp.dims.length, sp.traversalOrder.length, `${t.name}: one DimensionMetadata per traversed dimension`);
      // walk the levels: a DENSE level multiplies the count, a SPARSE_CSR level has count+1 segments and segments[count] indices
      let count = 1;
      for (const d of sp.dims) {
        if (d.format === 'DENSE') {
          count *= d.denseSize;
          continue;
        }
        csr++;
        assert.is(d.segments.length, count + 1, `${t.name}: segments per parent`);
        assert.ok(
          d.segments.every((x, i) => (i === 0 ? x === 0 : x >= d.segments[i - 1]!)),
          `${t.name}: segments nondecreasing from 0`,
        );
        count = d.segments[d.segments.length - 1]!;
        assert.is(d.indices.length, count, `${t.name}: indices`);
      }
      // the stored values are exactly the elements the metadata addresses (fp32 or fp16 storage)
      assert.ok(
        bytes.length === count * 4 || bytes.length === count * 2,
        `${t.name}: ${bytes.length} bytes for ${count} values`,
      );
    }
    assert.ok(csr > 0, 'compressed (SPARSE_CSR) levels checked');
    // imported: every DENSIFY became a dense constant; nothing foreign is left
    const m = readTfliteModel(f);
    const dense = [...m.graph.values.values()].filter((v) => String(v.meta.storedAs ?? '').startsWith('sparse'));
    assert.is(dense.length, sparse.length, 'one dense constant per sparse tensor');
    assert.ok(
      dense.every((v) => v.data && v.data.byteLength === v.data.count * (v.dtype === 'float16' ? 2 : 4)),
      'dense sizes',
    );
    assert.not.ok(
      [...m.graph.allNodes()].some((n) => n.domain === 'tflite'),
      'no foreign DENSIFY left',
    );
    console.log(`  ${sparse.length} sparse constants (${csr} SPARSE_CSR levels): consistent, densified at import`);
  },
);

test.run();
