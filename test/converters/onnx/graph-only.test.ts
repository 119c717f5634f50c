/**
 * Graph-only reading: the ONNX reader reads the graph by position and leaves large tensor payloads in the
 * file (handles read on first use); the writer streams them back out. Checked on the mobilenet_v2 sample
 * (weights inside the file) against onnxruntime on the original file.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../../converters/index.js';
import { writeOnnx } from '../../../converters/onnx/export.js';
import { onnxFromBytes } from '../../../converters/onnx/import.js';
import { sample } from '../../helpers/samples.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-graph-only-'));

test('an audit load reads the graph, not the weights; tensors are read on first use and equal the file', () => {
  const src = sample('mobilenet_v2').path;
  let read = 0;
  const m = loadModel(src, { weights: 'lazy', onProgress: (p) => (read = p.bytesRead!) });
  const size = statSync(src).size;
  const big = m.graph.constants().filter((v) => v.data!.byteLength > 4096);
  assert.ok(big.length > 20, 'the sample has large weights');
  assert.ok(
    big.every((v) => v.data!.isHandle),
    'large weights are handles',
  );
  const bigBytes = big.reduce((n, v) => n + v.data!.byteLength, 0);
  // what was read: the graph and small constants, and read-ahead into skipped payloads (at least half is never read)
  assert.ok(read <= size - bigBytes / 2, `read ${read} of ${size} bytes (${bigBytes} in large weights)`);
  const inMemory = onnxFromBytes(readFileSync(src), src, dir);
  for (const v of big) {
    const expected = inMemory.graph.values.get(v.name)!.data!.bytes();
    assert.ok(Buffer.from(v.data!.bytes()).equals(Buffer.from(expected)), v.name);
  }
});

test('a graph-only model converts to ONNX by streaming its weights; onnxruntime gives the same outputs', async () => {
  const src = sample('mobilenet_v2').path;
  const m = loadModel(src, { weights: 'load' });
  const out = join(dir, 'mbv2.onnx');
  writeOnnx(m, out);
  assert.ok(
    m.graph
      .constants()
      .filter((v) => v.data!.byteLength > 4096)
      .every((v) => v.data!.isHandle),
    'writing did not keep the weights in memory',
  );
  const feeds = { input: randomInput([1, 3, 64, 64], 5) };
  const a = await runOrt(new Uint8Array(readFileSync(src)), feeds);
  const b = await runOrt(new Uint8Array(readFileSync(out)), feeds);
  assert.is(compare(b.output!.data, a.output!.data).maxAbs, 0);
});

test.run();
