/** `convcheck targets`: every target and every variant of targets.json is in the text and Markdown listings. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { targetsFile } from '../../src/check/targets.js';

const targets = Object.entries(targetsFile().targets);

test('targets --markdown has a section per target and per variant, with each variant op and its source', () => {
  const md = runCli(['targets', '--markdown']);
  assert.is(md.code, 0);
  for (const [id, def] of targets) {
    assert.ok(md.stdout.includes(`(\`${id}`), `${id} section`);
    for (const [name, v] of Object.entries(def.variants ?? {})) {
      assert.ok(md.stdout.includes(`#### \`${id}:${name}\``), `${id}:${name} section`);
      for (const [op, e] of Object.entries(v.ops ?? {}))
        assert.ok(md.stdout.includes(`| ${op} |`) && md.stdout.includes(e.source.url), `${id}:${name} ${op}`);
    }
  }
});

test('targets --target <variant> prints the merged table; the base text lists its variants', () => {
  const v = runCli(['targets', '--target', 'tensorrt:8.5']);
  assert.is(v.code, 0);
  assert.match(v.stdout, /tensorrt:8\.5: NVIDIA TensorRT 8\.5/);
  assert.match(v.stdout, /tensorrt:8\.5\/model-opset/);
  const base = runCli(['targets', '--target', 'tensorrt']);
  assert.match(base.stdout, /tensorrt:10\.12: 10\.12/);
  assert.not.match(base.stdout, /tensorrt:8\.5\/model-opset/);
});

test('explain finds the rule a variant finding names (tensorrt:8.6/Hardmax-unsupported)', () => {
  const e = runCli(['explain', 'tensorrt:8.6/Hardmax-unsupported']);
  assert.is(e.code, 0);
  assert.match(e.stdout, /8\.6-GA\/docs\/operators\.md/);
});

test.run();
