/** A subgraph output that is a constant of the file (no operator writes it) imports as an Identity of it. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runConformance } from '../../helpers/tflite-conformance.js';
import type { TflModelSpec } from '../../helpers/tflite-builder.js';

const model: TflModelSpec = {
  tensors: [
    { name: 'x', type: 'FLOAT32', shape: [2] },
    { name: 'doubled', type: 'FLOAT32', shape: [2] },
    { name: 'table', type: 'FLOAT32', shape: [4], data: [0.5, -1, 2, 8] },
  ],
  inputs: [0],
  outputs: [1, 2],
  operators: [{ op: 'ADD', inputs: [0, 0], outputs: [1] }],
};

test('a constant output tensor imports and equals LiteRT.js', async () => {
  const r = await runConformance(model);
  assert.equal(r.foreign, []);
  assert.is(r.outputs.length, 2);
  assert.ok(r.ok, JSON.stringify(r.outputs));
});

test.run();
