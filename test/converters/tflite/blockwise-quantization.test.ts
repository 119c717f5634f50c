/**
 * An int4 weight with BlockwiseQuantization details (per-block fp16 scales along the input axis) imports as its
 * exact float dequantization and matches LiteRT.js. LiteRT's blockwise FULLY_CONNECTED quantizes the activation
 * per row to int8 at run time, so the inputs are integers spanning [-128, 127]: that quantization is then exact
 * and only float rounding remains.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runConformance } from '../../helpers/tflite-conformance.js';
import type { TflModelSpec } from '../../helpers/tflite-builder.js';
import { numbersToBytes } from '../../../src/ir/typed-data.js';

const ROWS = 2,
  OUT = 8,
  IN = 64,
  BLOCK = 32;

/** int4 values packed two a byte, the even element in the low nibble. */
function packInt4(values: number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  values.forEach((v, i) => (out[i >> 1]! |= (v & 15) << (i & 1 ? 4 : 0)));
  return out;
}

const weights = Array.from({ length: OUT * IN }, (_, i) => ((i * 7 + (i >> 3)) % 16) - 8);
const scales = Array.from({ length: OUT * (IN / BLOCK) }, (_, i) => 0.125 * (1 + (i % 5)));
const input = Array.from({ length: ROWS * IN }, (_, i) =>
  i % IN === 0 ? -128 : i % IN === 1 ? 127 : ((i * 37) % 255) - 128,
);

const model: TflModelSpec = {
  tensors: [
    { name: 'x', type: 'FLOAT32', shape: [ROWS, IN] },
    {
      name: 'w',
      type: 'INT4',
      shape: [OUT, IN],
      data: packInt4(weights),
      quant: { scale: [], zeroPoint: [], blockwise: { scales: 3, zeroPoints: -1, blockSize: BLOCK } },
    },
    { name: 'y', type: 'FLOAT32', shape: [ROWS, OUT] },
    { name: 'w_scales', type: 'FLOAT16', shape: [OUT, IN / BLOCK], data: numbersToBytes('float16', scales) },
  ],
  inputs: [0],
  outputs: [2],
  operators: [{ op: 'FULLY_CONNECTED', inputs: [0, 1, -1], outputs: [2], options: { keep_num_dims: false } }],
};

test('FULLY_CONNECTED with an int4 blockwise-quantized weight matches LiteRT.js', async () => {
  const r = await runConformance(model, [{ data: input }]);
  assert.equal(r.foreign, []);
  assert.is(r.outputs.length, 1);
  assert.ok(r.ok, JSON.stringify(r.outputs));
});

test.run();
