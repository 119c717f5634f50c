/**
 * Subgraph-calling builtins against LiteRT.js: WHILE → ONNX Loop, IF → If (bodies as Graph attributes),
 * CALL_ONCE with VAR_HANDLE / ASSIGN_VARIABLE / READ_VARIABLE (inlined), STABLEHLO_COMPOSITE (its
 * decomposition inlined), STABLEHLO_CASE (nested Ifs).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runConformance } from '../../helpers/tflite-conformance.js';
import type { TflModelSpec, TflTensorSpec } from '../../helpers/tflite-builder.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTflite } from '../../helpers/tflite-builder.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { encode } from 'flatbuffers/mjs/flexbuffers.js';

const f32 = (shape: number[], data?: number[]): TflTensorSpec => ({ type: 'FLOAT32', shape, data });
const i32 = (shape: number[], data?: number[]): TflTensorSpec => ({ type: 'INT32', shape, data });
const bool = (shape: number[]): TflTensorSpec => ({ type: 'BOOL', shape });
const resource = (): TflTensorSpec => ({ type: 'RESOURCE', shape: [] });

/** while (i < 4) { i += 1; x = tanh(x · 1.5) + 0.25 }: both loop variables are outputs. */
const whileModel: TflModelSpec = {
  tensors: [i32([], [0]), f32([2, 3]), i32([]), f32([2, 3])],
  inputs: [1],
  outputs: [3, 2],
  operators: [
    { op: 'WHILE', inputs: [0, 1], outputs: [2, 3], options: { cond_subgraph_index: 1, body_subgraph_index: 2 } },
  ],
  subgraphs: [
    {
      name: 'cond',
      tensors: [i32([]), f32([2, 3]), i32([], [4]), bool([])],
      inputs: [0, 1],
      outputs: [3],
      operators: [{ op: 'LESS', inputs: [0, 2], outputs: [3] }],
    },
    {
      name: 'body',
      tensors: [
        i32([]),
        f32([2, 3]),
        i32([], [1]),
        i32([]),
        f32([], [1.5]),
        f32([2, 3]),
        f32([2, 3]),
        f32([], [0.25]),
        f32([2, 3]),
      ],
      inputs: [0, 1],
      outputs: [3, 8],
      operators: [
        { op: 'ADD', inputs: [0, 2], outputs: [3] },
        { op: 'MUL', inputs: [1, 4], outputs: [5] },
        { op: 'TANH', inputs: [5], outputs: [6] },
        { op: 'ADD', inputs: [6, 7], outputs: [8] },
      ],
    },
  ],
};

test('WHILE → Loop, equal to LiteRT.js', async () => {
  const r = await runConformance(whileModel, [{ range: [-2, 2] }]);
  assert.equal(r.foreign, []);
  assert.is(r.outputs.length, 2);
  assert.ok(r.ok, JSON.stringify(r.outputs));
});

/** if (flag > 0) y = x · 2 else y = x + 1 */
const ifModel: TflModelSpec = {
  tensors: [f32([]), f32([3, 4]), f32([3, 4]), f32([], [0]), bool([])],
  inputs: [0, 1],
  outputs: [2],
  operators: [
    { op: 'GREATER', inputs: [0, 3], outputs: [4] },
    { op: 'IF', inputs: [4, 1], outputs: [2], options: { then_subgraph_index: 1, else_subgraph_index: 2 } },
  ],
  subgraphs: [
    {
      name: 'then',
      tensors: [f32([3, 4]), f32([], [2]), f32([3, 4])],
      inputs: [0],
      outputs: [2],
      operators: [{ op: 'MUL', inputs: [0, 1], outputs: [2] }],
    },
    {
      name: 'else',
      tensors: [f32([3, 4]), f32([], [1]), f32([3, 4])],
      inputs: [0],
      outputs: [2],
      operators: [{ op: 'ADD', inputs: [0, 1], outputs: [2] }],
    },
  ],
};

for (const flag of [1, 0])
  test(`IF → If (condition ${flag}), equal to LiteRT.js`, async () => {
    const r = await runConformance(ifModel, [{ data: [flag] }, { range: [-3, 3] }]);
    assert.equal(r.foreign, []);
    assert.ok(r.ok && r.outputs.length === 1, JSON.stringify(r.outputs));
  });

/** CALL_ONCE initialises variable 'bias' to a constant; the main graph reads it and adds it to x. */
const callOnceModel: TflModelSpec = {
  tensors: [f32([2, 3]), resource(), f32([3]), f32([2, 3])],
  inputs: [0],
  outputs: [3],
  operators: [
    { op: 'CALL_ONCE', inputs: [], outputs: [], options: { init_subgraph_index: 1 } },
    { op: 'VAR_HANDLE', inputs: [], outputs: [1], options: { container: '', shared_name: 'bias' } },
    { op: 'READ_VARIABLE', inputs: [1], outputs: [2] },
    { op: 'ADD', inputs: [0, 2], outputs: [3] },
  ],
  subgraphs: [
    {
      name: 'init',
      tensors: [resource(), f32([3], [0.5, -1.25, 3])],
      inputs: [],
      outputs: [],
      operators: [
        { op: 'VAR_HANDLE', inputs: [], outputs: [0], options: { container: '', shared_name: 'bias' } },
        { op: 'ASSIGN_VARIABLE', inputs: [0, 1], outputs: [] },
      ],
    },
  ],
};

test('CALL_ONCE + VAR_HANDLE/ASSIGN_VARIABLE/READ_VARIABLE inlined, equal to LiteRT.js', async () => {
  const r = await runConformance(callOnceModel);
  assert.equal(r.foreign, []);
  assert.ok(r.ok && r.outputs.length === 1, JSON.stringify(r.outputs));
});

/** STABLEHLO_COMPOSITE 'test.scaled_tanh' whose decomposition is 2·tanh(x). */
const compositeModel: TflModelSpec = {
  tensors: [f32([2, 5]), f32([2, 5])],
  inputs: [0],
  outputs: [1],
  operators: [
    {
      op: 'STABLEHLO_COMPOSITE',
      inputs: [0],
      outputs: [1],
      options: {
        name: 'test.scaled_tanh',
        decomposition_subgraph_index: 1,
        composite_attributes: Array.from(encode({})),
        composite_attributes_format: 1, // FLEXBUFFERS
      },
    },
  ],
  subgraphs: [
    {
      name: 'decomposition',
      tensors: [f32([2, 5]), f32([2, 5]), f32([], [2]), f32([2, 5])],
      inputs: [0],
      outputs: [3],
      operators: [
        { op: 'TANH', inputs: [0], outputs: [1] },
        { op: 'MUL', inputs: [1, 2], outputs: [3] },
      ],
    },
  ],
};

test('STABLEHLO_COMPOSITE: decomposition inlined, equal to LiteRT.js', async () => {
  const r = await runConformance(compositeModel, [{ range: [-2, 2] }]);
  assert.equal(r.foreign, []);
  assert.ok(r.ok && r.outputs.length === 1, JSON.stringify(r.outputs));
});

/** STABLEHLO_CASE over three branches (|x|, −x, exp x) on the operator's second input. */
const unaryBranch = (op: string) => ({
  tensors: [f32([3]), f32([3])],
  inputs: [0],
  outputs: [1],
  operators: [{ op, inputs: [0], outputs: [1] }],
});
const caseModel: TflModelSpec = {
  tensors: [i32([]), f32([3]), f32([3])],
  inputs: [0, 1],
  outputs: [2],
  operators: [{ op: 'STABLEHLO_CASE', inputs: [0, 1], outputs: [2], options: { branch_subgraph_indices: [1, 2, 3] } }],
  subgraphs: [unaryBranch('ABS'), unaryBranch('NEG'), unaryBranch('EXP')],
};
for (const index of [0, 1, 2, 7, -1])
  test(`STABLEHLO_CASE → nested If (index ${index}; out of range runs the last branch), equal to LiteRT.js`, async () => {
    const r = await runConformance(caseModel, [{ data: [index] }, { range: [-2, 2] }]);
    assert.equal(r.foreign, []);
    assert.ok(r.ok && r.outputs.length === 1, JSON.stringify(r.outputs));
  });

test('a subgraph that calls itself is a one-line input error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-cf-'));
  try {
    const loop: TflModelSpec = {
      ...compositeModel,
      subgraphs: [{ ...compositeModel, name: 'self' }],
    };
    const file = join(dir, 'self.tflite');
    writeFileSync(file, buildTflite(loop));
    assert.throws(() => readTfliteModel(file), /calls itself/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
