/**
 * Every builtin of the schema table (opsets/tflite.json) is either mapped by an op family AND proven by a
 * conformance case (or a named test that compares it with a reference), or listed in
 * converters/tflite/unsupported-builtins.json with a reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';
import { tfliteTable } from '../../../converters/tflite/read-model.js';
import { tfliteImporters } from '../../../converters/tflite/ops/index.js';
import { IMPORT_HANDLED_BUILTINS } from '../../../converters/tflite/import.js';
import { STRUCTURAL_OPS } from '../../../converters/tflite/structural-ops.js';
import { CONFORMANCE_CASES } from './conformance/index.js';

const unsupported = (
  JSON.parse(readFileSync(join(ROOT, 'converters/tflite/unsupported-builtins.json'), 'utf8')) as {
    builtins: Record<string, string>;
  }
).builtins;
/**
 * Builtins proven by another test file than the single-op conformance table (path under test/converters/tflite):
 * sparse constants need the corpus; the NN cases have their own table; recurrent kernels keep state in variable
 * tensors LiteRT.js refuses, so they are compared with reference kernels written from TFLite's published
 * semantics; control flow and custom ops need several subgraphs or custom options.
 */
const PROVEN_ELSEWHERE: Record<string, string> = {
  DENSIFY: 'densify.test.ts',
  BATCH_MATMUL: 'conformance/nn-advanced.test.ts',
  LOG_SOFTMAX: 'conformance/nn-advanced.test.ts',
  L2_NORMALIZATION: 'conformance/nn-advanced.test.ts',
  LOCAL_RESPONSE_NORMALIZATION: 'conformance/nn-advanced.test.ts',
  L2_POOL_2D: 'conformance/nn-advanced.test.ts',
  EMBEDDING_LOOKUP: 'conformance/nn-advanced.test.ts',
  TOPK_V2: 'conformance/nn-advanced.test.ts',
  CUMSUM: 'conformance/nn-advanced.test.ts',
  CONV_3D: 'conformance/nn-advanced.test.ts',
  CONV_3D_TRANSPOSE: 'conformance/nn-advanced.test.ts',
  LSTM: 'conformance/recurrent.test.ts',
  RNN: 'conformance/recurrent.test.ts',
  SVDF: 'conformance/recurrent.test.ts',
  UNIDIRECTIONAL_SEQUENCE_LSTM: 'conformance/recurrent.test.ts',
  UNIDIRECTIONAL_SEQUENCE_RNN: 'conformance/recurrent.test.ts',
  BIDIRECTIONAL_SEQUENCE_LSTM: 'conformance/recurrent.test.ts',
  BIDIRECTIONAL_SEQUENCE_RNN: 'conformance/recurrent.test.ts',
  IF: 'control-flow.test.ts',
  WHILE: 'control-flow.test.ts',
  CALL_ONCE: 'control-flow.test.ts',
  VAR_HANDLE: 'control-flow.test.ts',
  ASSIGN_VARIABLE: 'control-flow.test.ts',
  READ_VARIABLE: 'control-flow.test.ts',
  STABLEHLO_COMPOSITE: 'control-flow.test.ts',
  STABLEHLO_CASE: 'control-flow.test.ts',
  CUSTOM: 'custom-ops.test.ts',
};
const TEST_DIR = join(ROOT, 'test', 'converters', 'tflite');

const builtins = Object.values(tfliteTable().builtinOperators);
const mapped = (b: string): boolean =>
  tfliteImporters().has(b) || IMPORT_HANDLED_BUILTINS.includes(b) || b in STRUCTURAL_OPS || b === 'CUSTOM';
const tested = new Set(CONFORMANCE_CASES.map((c) => c.builtin));

test('every schema builtin is mapped and tested, or listed as unsupported with a reason', () => {
  const missing = builtins.filter((b) => !unsupported[b] && !(mapped(b) && (tested.has(b) || PROVEN_ELSEWHERE[b])));
  assert.equal(missing, [], `neither mapped+tested nor listed: ${missing.join(', ')}`);
  const ok = builtins.filter((b) => mapped(b) && (tested.has(b) || PROVEN_ELSEWHERE[b]));
  process.stdout.write(
    `\n  TFLite builtins: ${ok.length}/${builtins.length} mapped and tested, ${Object.keys(unsupported).length} unsupported\n`,
  );
});

test('the lists are consistent: reasons given, no builtin both mapped and listed, names from the schema', () => {
  for (const [b, why] of Object.entries(unsupported)) {
    assert.ok(builtins.includes(b), `${b} is a builtin`);
    assert.ok(why.length > 10, `${b} has a reason`);
    assert.not.ok(mapped(b), `${b} is mapped yet listed as unsupported`);
  }
  for (const [b, file] of Object.entries(PROVEN_ELSEWHERE)) {
    assert.ok(builtins.includes(b), `${b} is a builtin`);
    const text = readFileSync(join(TEST_DIR, file), 'utf8');
    assert.ok(text.toUpperCase().includes(b), `${file} tests ${b}`);
  }
  for (const c of CONFORMANCE_CASES) assert.ok(mapped(c.builtin), `case for unmapped ${c.builtin}`);
});

test.run();
