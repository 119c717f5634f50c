/**
 * Reading progress is real: a large synthetic ONNX model (2 000 nodes, 16 MB of initializers) yields
 * many progress events as it decodes, byte offsets and node counts only growing, ending at the file's
 * size as the file system reports it and at the graph's node count. Exports report bytes written up
 * to the sizes of the files they wrote.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../../converters/index.js';
import { writeOnnx } from '../../../converters/onnx/export.js';
import { parseModelText } from '../../../src/ir/text.js';
import type { ImportProgress } from '../../../converters/converter.js';

const NODES = 2000;
const dir = mkdtempSync(join(tmpdir(), 'convcheck-read-progress-'));
const path = join(dir, 'chain.onnx');

/** y0 = x + w0, y1 = y0 + w1, …: each Add with its own 8 KB initializer (distinct values, nothing shared). */
function chainText(): string {
  const lines = ['opset 17', 'input x: float32[2048]'];
  for (let k = 0; k < NODES; k++) {
    lines.push(`const w${k}: float32[2048] = random(${k + 1})`);
    lines.push(`y${k} = Add(${k ? `y${k - 1}` : 'x'}, w${k})`);
  }
  lines.push(`output y${NODES - 1}: float32[2048]`);
  return lines.join('\n');
}

test.before(() => {
  const written: { bytes: number; totalBytes: number }[] = [];
  writeOnnx(parseModelText(chainText()), path, { onProgress: (p) => written.push(p) });
  const size = statSync(path).size;
  assert.ok(written.length > 10, `${written.length} write events`);
  assert.ok(
    written.every((p, i) => p.totalBytes === size && (i === 0 || p.bytes > written[i - 1]!.bytes)),
    'bytes written grow toward the file size',
  );
  assert.is(written.at(-1)!.bytes, size);
});

test('an ONNX read reports many growing byte offsets and node counts, ending at the real totals', () => {
  const events: ImportProgress[] = [];
  const model = loadModel(path, { weights: 'lazy', onProgress: (p) => events.push({ ...p }) });
  const size = statSync(path).size;
  assert.ok(size > 15 * 2 ** 20, `the model is large (${size} bytes)`);
  assert.is(model.graph.nodes.length, NODES);
  assert.ok(events.length >= 40, `${events.length} progress events for ${size} bytes`);
  for (const [i, e] of events.entries()) {
    assert.is(e.totalBytes, size, 'the total is the file size');
    assert.ok(e.bytes <= size, `event ${i}: ${e.bytes} ≤ ${size}`);
    if (i === 0) continue;
    const before = events[i - 1]!;
    assert.ok(e.bytes > before.bytes || e.nodes > before.nodes, `event ${i} advances`);
    assert.ok(e.bytes >= before.bytes && e.nodes >= before.nodes, `event ${i} never goes back`);
  }
  const nodeCounts = new Set(events.map((e) => e.nodes));
  assert.ok(nodeCounts.size >= 5, `node counts reported as they are decoded: ${[...nodeCounts].join(', ')}`);
  assert.equal(events.at(-1), { bytes: size, totalBytes: size, nodes: NODES, bytesRead: events.at(-1)!.bytesRead });
  assert.ok(
    events.slice(0, -1).some((e) => e.bytes > size / 4 && e.bytes < (3 * size) / 4),
    'events mid-file',
  );
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
