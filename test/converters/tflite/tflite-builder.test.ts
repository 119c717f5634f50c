/** The conformance suite's model builder writes what the reader reads back: ops, codes ≥ 127, options, quantization. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readTflite } from '../../../converters/tflite/read-model.js';
import { buildTflite, singleOpModel } from '../../helpers/tflite-builder.js';
import { opt, optInts } from '../../../converters/tflite/ops/options.js';
import type { OpCtx } from '../../../converters/tflite/ops/op-context.js';

test('a built CONV_2D reads back with its options and per-axis quantization', () => {
  const spec = singleOpModel({
    op: 'CONV_2D',
    version: 3,
    inputs: [
      { type: 'FLOAT32', shape: [1, 4, 4, 2] },
      {
        type: 'INT8',
        shape: [3, 1, 1, 2],
        data: [1, 2, 3, 4, 5, 6],
        quant: { scale: [0.5, 0.25, 2], zeroPoint: [0, 0, 0], axis: 0 },
      },
    ],
    outputs: [{ type: 'FLOAT32', shape: [1, 2, 2, 3] }],
    options: { padding: 'VALID', stride_h: 2, stride_w: 3, fused_activation_function: 'RELU6', dilation_h_factor: 1 },
  });
  const m = readTflite(buildTflite(spec), 'built.tflite');
  const sg = m.subgraphs[0]!;
  const op = sg.operators[0]!;
  assert.is(op.op, 'CONV_2D');
  assert.is(op.version, 3);
  const c = { op } as OpCtx;
  assert.equal(
    ['padding', 'stride_h', 'stride_w', 'fused_activation_function'].map((f) => opt(c, f)),
    [1, 2, 3, 3],
  );
  assert.equal(sg.tensors[1]!.quant?.scale, [0.5, 0.25, 2]);
  assert.equal([...m.buffers[sg.tensors[1]!.buffer]!.read()], [1, 2, 3, 4, 5, 6]);
  assert.equal(sg.inputs, [0]);
  assert.equal(sg.outputs, [2]);
});

test('builtin codes above 127 (builtin_code field) and vector options read back', () => {
  const spec = singleOpModel({
    op: 'STABLEHLO_COMPOSITE',
    inputs: [{ type: 'FLOAT32', shape: [2] }],
    outputs: [{ type: 'FLOAT32', shape: [2] }],
  });
  assert.is(readTflite(buildTflite(spec), 'x').subgraphs[0]!.operators[0]!.op, 'STABLEHLO_COMPOSITE');
  const reshape = singleOpModel({
    op: 'RESHAPE',
    inputs: [{ type: 'FLOAT32', shape: [2, 3] }],
    outputs: [{ type: 'FLOAT32', shape: [3, 2] }],
    options: { new_shape: [3, 2] },
  });
  const op = readTflite(buildTflite(reshape), 'x').subgraphs[0]!.operators[0]!;
  assert.equal(optInts({ op } as OpCtx, 'new_shape'), [3, 2]);
});

test.run();
