/**
 * TFLite op conformance: every case of conformance/index.ts is a small .tflite built in the test, run in
 * LiteRT.js and, imported and exported to ONNX, in onnxruntime; float outputs agree within 1e-5 of their
 * range, quantized ones within one quantization step. The last test prints the tally.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runConformance } from '../../helpers/tflite-conformance.js';
import { CONFORMANCE_CASES } from './conformance/index.js';

let passed = 0;
const builtins = new Set<string>();
for (const c of CONFORMANCE_CASES)
  test(`${c.builtin}: ${c.name}`, async () => {
    const r = await runConformance(c.model, c.fills);
    const detail = r.foreign.length
      ? `left foreign: ${r.foreign.join(', ')}`
      : r.outputs
          .map((o) => `${o.output}: max abs ${o.maxAbs}, rel ${o.maxRel.toExponential(2)} (${o.rule} ≤ ${o.bound})`)
          .join('; ');
    assert.ok(r.ok, detail);
    passed++;
    builtins.add(c.builtin);
  });

test('tally', () => {
  process.stdout.write(
    `\n  TFLite conformance: ${passed}/${CONFORMANCE_CASES.length} cases pass, ${builtins.size} builtins\n`,
  );
  assert.ok(CONFORMANCE_CASES.length > 0);
});

test.run();
