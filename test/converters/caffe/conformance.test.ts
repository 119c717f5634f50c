/**
 * The Caffe conformance suite: every case's outputs within 1e-5 of their range of the reference (OpenCV dnn, or an
 * independent implementation of the fork's published semantics in test/helpers/caffe-reference.ts).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { runCases, withinTolerance, type Comparison } from './conformance-harness.js';
import { CASES } from './conformance-suite.js';

let results: (Comparison[] | Error)[] = [];
test.before(async () => {
  results = await runCases(CASES, OPENCV.ok);
});

CASES.forEach((c, k) => {
  const register = c.reference ? test : needing(test, OPENCV);
  register(`${c.name} [${c.covers.join(', ')}]`, () => {
    const r = results[k];
    if (r instanceof Error) throw r;
    for (const one of r!)
      assert.ok(
        withinTolerance(one),
        `${one.output}: max abs ${one.maxAbs.toExponential(2)} over range ${one.range.toExponential(2)}${one.dimsEqual ? '' : ' (dims differ)'}`,
      );
  });
});

test.run();
