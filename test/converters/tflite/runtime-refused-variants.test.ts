/**
 * Variants the importer keeps foreign on purpose, with the output shapes the file declares so checking goes
 * on: soft NMS (NON_MAX_SUPPRESSION_V5 with soft_nms_sigma > 0, whose score decay no ONNX op computes) and
 * FAKE_QUANT with narrow_range (TFLite's kernel fails its prepare step on it — "narrow_range FakeQuant is not
 * currently supported at runtime", tensorflow/lite/kernels/fake_quant.cc — so there is no runtime meaning to match).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTflite, singleOpModel, type TflModelSpec } from '../../helpers/tflite-builder.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-tfl-foreign-'));
const f32 = (shape: number[], data?: number[]) => ({ type: 'FLOAT32', shape, data });
const i32 = (shape: number[], data?: number[]) => ({ type: 'INT32', shape, data });

function write(name: string, model: TflModelSpec): string {
  const file = join(dir, `${name}.tflite`);
  writeFileSync(file, buildTflite(model));
  return file;
}

test('soft NMS stays foreign with its three declared outputs', () => {
  const file = write(
    'soft-nms',
    singleOpModel({
      op: 'NON_MAX_SUPPRESSION_V5',
      inputs: [f32([8, 4]), f32([8]), i32([], [5]), f32([], [0.3]), f32([], [0.1]), f32([], [0.5])],
      outputs: [i32([5]), f32([5]), i32([])],
    }),
  );
  const g = readTfliteModel(file).graph;
  const node = g.nodes.find((n) => n.domain === 'tflite');
  assert.is(node?.op, 'NON_MAX_SUPPRESSION_V5');
  assert.equal(
    node!.outputs.map((v) => v!.shape),
    [[5], [5], []],
  );
});

test('FAKE_QUANT narrow_range stays foreign with its declared output', () => {
  const file = write(
    'narrow',
    singleOpModel({
      op: 'FAKE_QUANT',
      inputs: [f32([4])],
      outputs: [f32([4])],
      options: { min: -1, max: 1, num_bits: 8, narrow_range: true },
    }),
  );
  const node = readTfliteModel(file).graph.nodes.find((n) => n.domain === 'tflite');
  assert.is(node?.op, 'FAKE_QUANT');
  assert.equal(node!.outputs[0]!.shape, [4]);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
