/**
 * Graph-only TFLite reading: the tables are read page by page and buffers past 4 KiB stay in the file,
 * so importing a model with megabytes of weights reads a small part of it; the weights read later (the
 * OHWI → OIHW permutation done on use) give LiteRT's outputs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTflite, singleOpModel } from '../../helpers/tflite-builder.js';
import { runConformance } from '../../helpers/tflite-conformance.js';
import { readTflite } from '../../../converters/tflite/read-model.js';
import { PagedFile } from '../../../converters/tflite/flat-bytes.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { f32, values } from './conformance/tensors.js';

/** A 3×3 convolution of `ch` channels: ch·ch·9 float weights (ch = 256: 2.25 MiB). */
const conv = (ch: number) =>
  singleOpModel({
    op: 'CONV_2D',
    inputs: [f32([1, 5, 5, ch]), f32([ch, 3, 3, ch], values(ch * ch * 9)), f32([ch], values(ch))],
    outputs: [f32([1, 5, 5, ch])],
    options: { padding: 'SAME', stride_h: 1, stride_w: 1, fused_activation_function: 'NONE' },
  });

test('importing a model with 2.25 MiB of weights reads less than a tenth of the file; the weights are handles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-tfl-lazy-'));
  try {
    const file = join(dir, 'conv.tflite');
    writeFileSync(file, buildTflite(conv(256)));
    const size = statSync(file).size;
    const paged = new PagedFile(file);
    const tfl = readTflite(paged, file);
    paged.close();
    assert.ok(tfl.subgraphs[0]!.operators.length === 1);
    assert.ok(paged.bytesRead < size / 10, `read ${paged.bytesRead} of ${size} bytes`);
    const model = readTfliteModel(file);
    const weight = model.graph.nodes.find((n) => n.op === 'Conv')!.inputs[1]!;
    assert.ok(weight.data?.isHandle, 'the Conv weight is a handle on the file');
    assert.equal(weight.data!.dims, [256, 256, 3, 3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('weights permuted on use give LiteRT outputs (onnxruntime on the exported ONNX)', async () => {
  const r = await runConformance(conv(32));
  assert.ok(r.ok, r.outputs.map((o) => `${o.output}: max abs ${o.maxAbs}, rel ${o.maxRel}`).join('; '));
});

test.run();
