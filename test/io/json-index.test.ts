/**
 * The package data index (src/io/json-index.ts) the bundled bin reads targets.json and opsets/onnx.json
 * through: the document read back is the source document (every key, in order, every value), entries are
 * parsed only when read, a stale or foreign index is passed over, and the build's own indexes are current.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { buildJsonIndex, readJsonIndex } from '../../src/io/json-index.js';
import { indexPath, readPackageJson } from '../../src/io/package-json-indexed.js';
import { resolveTarget, targetsFile } from '../../src/check/targets.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-json-index-'));
const source = (relPath: string): Buffer => readFileSync(join(ROOT, relPath));

function indexed<T>(relPath: string, lazyPaths: string[][]): T {
  const bytes = source(relPath);
  const file = join(dir, relPath.replace(/\//g, '_'));
  writeFileSync(file, buildJsonIndex(JSON.parse(bytes.toString('utf8')), bytes.length, lazyPaths));
  return readJsonIndex<T>(file, bytes.length)!;
}

test('targets.json and opsets/onnx.json read back through an index as the same document, keys in order', () => {
  for (const [relPath, lazyPaths] of [
    ['targets.json', [['targets', '*', 'ops'], ['targets', '*', 'variants', '*', 'ops'], ['quantSchemes']]],
    ['opsets/onnx.json', [['domains', '*']]],
  ] as const) {
    const doc = indexed<unknown>(
      relPath,
      lazyPaths.map((p) => [...p]),
    );
    assert.is(JSON.stringify(doc), JSON.stringify(JSON.parse(source(relPath).toString('utf8'))), relPath);
  }
});

test('an entry is parsed when read, once; keys, `in` and descriptors need no parse', () => {
  const doc = indexed<{ targets: Record<string, { ops: Record<string, unknown> }> }>('targets.json', [
    ['targets', '*', 'ops'],
  ]);
  const parse = JSON.parse;
  let parses = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    parses++;
    return parse(text, reviver);
  }) as typeof JSON.parse;
  try {
    const ops = doc.targets.ncnn!.ops;
    assert.is(parses, 1, 'reaching the op table parses its span table only');
    assert.ok('Conv' in ops && Object.keys(ops).length > 100);
    assert.is(parses, 1);
    const conv = ops.Conv;
    assert.is(ops.Conv, conv, 'an entry is parsed once and kept');
    assert.is(parses, 2);
    assert.equal(conv, (targetsFile().targets.ncnn!.ops as Record<string, unknown>).Conv);
  } finally {
    JSON.parse = parse;
  }
});

test('an index of a source of another size is passed over (the data file was edited after the build)', () => {
  const bytes = source('opsets/onnx.json');
  const file = join(dir, 'stale.idx');
  writeFileSync(file, buildJsonIndex(JSON.parse(bytes.toString('utf8')), bytes.length + 1, [['domains', '*']]));
  assert.is(readJsonIndex(file, bytes.length), null);
  writeFileSync(file, '{"not": "an index"}\n');
  assert.is(readJsonIndex(file, bytes.length), null);
  assert.is(readJsonIndex(join(dir, 'absent.idx'), bytes.length), null);
});

test("the build's indexes are current: the bundled bin reads the package's data as the files hold it", () => {
  for (const relPath of ['targets.json', 'opsets/onnx.json']) {
    assert.is(
      JSON.parse(readFileSync(indexPath(relPath), 'latin1').slice(0, 64)).size,
      statSync(join(ROOT, relPath)).size,
      relPath,
    );
    assert.is(JSON.stringify(readPackageJson(relPath)), JSON.stringify(JSON.parse(source(relPath).toString('utf8'))));
  }
});

test('a variant overlays its base op table: the same entries, in the same order, as a copy would give', () => {
  for (const [id, t] of Object.entries(targetsFile().targets))
    for (const [name, variant] of Object.entries(t.variants ?? {})) {
      const ops = resolveTarget(`${id}:${name}`).ops;
      const copy = { ...t.ops, ...(variant.ops ?? {}) };
      assert.is(JSON.stringify(ops), JSON.stringify(copy), `${id}:${name}`);
      for (const op of Object.keys(copy)) assert.ok(op in ops);
      assert.not.ok('NoSuchOp' in ops);
    }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
