/**
 * Shape and dtype inference against the ONNX backend test suite: for every model, the inferred
 * output dtypes and shapes must equal those of the expected outputs (or be unknown, counted).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readOnnx } from '../../converters/onnx/import.js';
import { inferShapes } from '../../src/shape/infer.js';
import { suiteCases, dataFiles } from '../helpers/onnx-testdata.js';
import { onnx, num } from '../../converters/onnx/proto.js';
import { dtypeFromCode } from '../../src/ir/dtype.js';
import { readFileSync } from 'node:fs';
import { needing } from '../helpers/prereq.js';
import { ONNX_TESTDATA_PREREQ } from '../helpers/prerequisites.js';

const cases = suiteCases();

needing(test, ONNX_TESTDATA_PREREQ)('inferred output shapes and dtypes equal the suite expected outputs', () => {
  let full = 0,
    partial = 0,
    total = 0;
  const mismatches: string[] = [];
  for (const c of cases) {
    if (!c.dataSets.length) continue;
    const outs = dataFiles(c.dataSets[0]!, 'output');
    let expected: { dtype: string | undefined; dims: number[] }[];
    try {
      expected = outs.map((f) => {
        const t = onnx.TensorProto.decode(readFileSync(f));
        return { dtype: dtypeFromCode(t.dataType ?? 0), dims: (t.dims ?? []).map(num) };
      });
    } catch {
      continue;
    } // sequence / optional outputs are not TensorProtos
    const m = readOnnx(c.model);
    // inference must not just echo the file's declared shapes: forget what the file says of non-inputs
    for (const v of m.graph.values.values())
      if (!m.graph.inputs.includes(v) && !v.data) {
        v.shape = null;
        v.dtype = null;
      }
    inferShapes(m);
    total++;
    let known = true;
    const bad: string[] = [];
    m.graph.outputs.forEach((v, i) => {
      const e = expected[i];
      if (!e || !e.dtype) return;
      if (v.dtype === null || v.shape === null || v.shape.some((d) => typeof d !== 'number')) {
        known = false;
        if (v.dtype !== null && v.dtype !== e.dtype) bad.push(`${v.name}: dtype ${v.dtype} != ${e.dtype}`);
        if (v.shape && v.shape.length !== e.dims.length)
          bad.push(`${v.name}: rank ${v.shape.length} != ${e.dims.length}`);
        if (v.shape && v.shape.some((d, j) => typeof d === 'number' && d !== e.dims[j]))
          bad.push(`${v.name}: [${v.shape}] != [${e.dims}]`);
        return;
      }
      // the suite (ONNX 1.12) stores bfloat16 expected outputs as uint16 bit patterns
      if (v.dtype !== e.dtype && !(v.dtype === 'bfloat16' && e.dtype === 'uint16'))
        bad.push(`${v.name}: dtype ${v.dtype} != ${e.dtype}`);
      if (v.shape.join(',') !== e.dims.join(',') || v.shape.length !== e.dims.length)
        bad.push(`${v.name}: [${v.shape}] != [${e.dims}]`);
    });
    if (bad.length) mismatches.push(`${c.suite}/${c.name}: ${bad.join('; ')}`);
    else if (known) full++;
    else partial++;
  }
  console.log(
    `  shape inference over ${total} suite models: all outputs exact ${full}; some output not fully known (never wrong) ${partial}; mismatches ${mismatches.length}`,
  );
  for (const m of mismatches) console.log(`  mismatch: ${m}`);
  assert.equal(mismatches, [], 'inferred shapes never contradict the expected outputs');
});

test.run();
