/**
 * Coverage from the specification, on cases nobody wrote for the Caffe writer: every node model of the ONNX
 * backend suite (Debian's libonnx-testdata) goes through the Caffe export. Each one written runs in OpenCV dnn on
 * the suite's inputs and equals the suite's expected outputs; each one refused names its refusal rule; none
 * crashes. The figures are printed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { suiteCases } from '../../helpers/onnx-testdata.js';
import { needing } from '../../helpers/prereq.js';
import { ONNX_TESTDATA_PREREQ } from '../../helpers/prerequisites.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { runNodeSuite } from './node-suite-run.js';

needing(
  test,
  ONNX_TESTDATA_PREREQ,
  OPENCV,
)('ONNX backend node models: the Caffe export is equal in OpenCV dnn or refused with a named rule', () => {
  const cases = suiteCases(['node']);
  assert.ok(cases.length > 500, `node suite: ${cases.length} models`);
  const t = runNodeSuite(cases);
  const top = [...t.refusals].sort((a, b) => b[1] - a[1]);
  process.stderr.write(
    `  Caffe export, ONNX node suite: ${t.models} models, ${t.written} written, ${t.equal} equal in OpenCV dnn, ` +
      `${t.refused} refused with a named rule, ${t.unreadable} rejected as bad input, ${t.wrong.length} wrong\n` +
      `  refusal rules: ${top.map(([id, k]) => `${id} ${k}`).join(', ')}\n`,
  );
  for (const w of t.wrong) process.stderr.write(`    ${w}\n`);
  assert.is(t.wrong.length, 0, `${t.wrong.length} node models exported wrong or crashed (listed above)`);
  assert.ok(t.equal > 0, 'some node models are written and equal');
  assert.is(t.equal + t.refused + t.unreadable, t.models);
});

needing(test, ONNX_TESTDATA_PREREQ)(
  'ONNX backend node models, NNIE flavour: written or refused with a named rule',
  () => {
    const cases = suiteCases(['node']);
    const t = runNodeSuite(cases, 'nnie', false);
    process.stderr.write(
      `  Caffe export for NNIE, ONNX node suite: ${t.models} models, ${t.written} written, ${t.refused} refused with a named rule, ${t.unreadable} rejected as bad input, ${t.wrong.length} wrong\n`,
    );
    for (const w of t.wrong) process.stderr.write(`    ${w}\n`);
    assert.is(t.wrong.length, 0, `${t.wrong.length} node models crashed or were refused without a rule (listed above)`);
    assert.is(t.written + t.refused + t.unreadable, t.models);
  },
);

test.run();
