/**
 * Folding never grows a model past the cap: every sample fixed for ncnn (all rewrites its findings name)
 * serializes to at most its original size plus the cap, and with a cap of 0 to at most its original size.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readOnnx } from '../../converters/onnx/import.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { checkModel } from '../../src/check/engine.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { selectRewrites } from '../../src/rewrite/select.js';
import { FOLD_CAP_BYTES } from '../../src/rewrite/rules/fold-constants.js';
import { inferShapes } from '../../src/shape/infer.js';
import { samples } from '../helpers/samples.js';

test('fixed samples stay within the fold cap (default 1 MiB, and 0)', () => {
  const rows: string[] = [];
  for (const s of samples((x) => x.format === 'onnx')) {
    const base = readOnnx(s.path);
    inferShapes(base);
    const original = toOnnxBytes(base).length; // same serialization (with the inferred value_info) as the fixed model's
    const sizes: number[] = [];
    let nodes = '';
    for (const cap of [FOLD_CAP_BYTES, 0]) {
      const m = readOnnx(s.path);
      inferShapes(m);
      const run = runRewrites(m, selectRewrites(checkModel(m, ['ncnn'])[0]!.findings, { all: true }).enabled, {
        foldCapBytes: cap,
      });
      const size = toOnnxBytes(m).length;
      sizes.push(size);
      assert.ok(
        size <= original + cap,
        `${s.name}: ${size} bytes after folding with cap ${cap} (original ${original})`,
      );
      if (cap) nodes = `${run.nodesBefore}→${run.nodesAfter}`;
    }
    rows.push(`${s.name} ${nodes} nodes, ${original}→${sizes[0]} bytes re-serialized (cap 0: ${sizes[1]})`);
  }
  console.log(`  ${rows.join('\n  ')}`);
});

test.run();
