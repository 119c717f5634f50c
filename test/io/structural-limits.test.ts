/**
 * Structural limits through the real CLI: a hostile structure (2 000 nested If subgraphs, deep
 * prototxt nesting, thousands of attributes, a 70 000-character name) is one line naming the
 * file and the limit, exit 2, no stack trace; a model just inside a limit still loads.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { LIMITS } from '../../src/io/limits.js';
import { deepPrototxt, longNameOnnx, manyAttributesOnnx, nestedIfOnnx } from '../report/hostile-models.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-limits-'));

/** Through each command (default: `inspect`), the one-line error for `problem`, exit 2. */
function rejects(file: string, bytes: Uint8Array | string, problem: string | RegExp, commands = [['inspect']]): void {
  const p = join(dir, file);
  writeFileSync(p, bytes);
  for (const args of commands.map((c) => (c[0] === 'inspect' ? [...c, p] : [p, ...c]))) {
    const r = runCli(args);
    assert.is(r.code, 2, `${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
    assert.is(r.stdout, '', 'nothing printed on stdout');
    const lines = r.stderr.trimEnd().split('\n');
    assert.is(lines.length, 1, r.stderr);
    if (typeof problem === 'string') assert.is(lines[0], `convcheck: ${p}: ${problem}`);
    else assert.match(lines[0]!, problem);
  }
}

test('2 000 nested If subgraphs: the subgraph depth limit, not a stack overflow', () => {
  rejects('nested.onnx', nestedIfOnnx(2000), `subgraphs nested deeper than ${LIMITS.subgraphDepth.max} levels`, [
    ['inspect'],
    ['--no-tui'],
    ['--format', 'junit'],
  ]);
});

test('a model exactly at the subgraph depth limit still loads', () => {
  const p = join(dir, 'at-limit.onnx');
  writeFileSync(p, nestedIfOnnx(LIMITS.subgraphDepth.max));
  const r = runCli(['inspect', p]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`\\+${LIMITS.subgraphDepth.max - 1} in subgraphs`));
});

test('deep prototxt nesting: the prototxt depth limit, with the line and column', () => {
  rejects(
    'deep.prototxt',
    deepPrototxt(5000),
    new RegExp(`: line 2, column \\d+: prototxt messages nested deeper than ${LIMITS.prototxtDepth.max} levels$`),
  );
});

test('a node with thousands of attributes: the attribute count limit', () => {
  const n = LIMITS.attributesPerNode.max + 1;
  rejects(
    'attrs.onnx',
    manyAttributesOnnx(n),
    `a node with ${n} attributes (more than ${LIMITS.attributesPerNode.max})`,
  );
});

test('a 70 000-character name: the name length limit', () => {
  rejects('long.onnx', longNameOnnx(70_000), `a name of 70000 characters (more than ${LIMITS.nameLength.max})`);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
