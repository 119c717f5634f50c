/**
 * The quantized TFLite models of the corpus (every model sources.json lists is enumerated), re-simulated with their
 * own stored scales and zero points: imported (int8 constants → DequantizeLinear, int8 activations →
 * QuantizeLinear/DequantizeLinear), rewritten by integerKernelsGraph to follow the integer CPU kernels' arithmetic
 * (exact accumulators, XNNPACK's requantization and int8 addition), run in onnxruntime, and compared with LiteRT.js
 * running the same file's integer kernels (through a float32 interface: tflite-float-interface.ts). Every output
 * element must be within one quantization step. The plain Q/DQ import's gap is printed beside it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from '../helpers/paths.js';
import { readTfliteModel } from '../../converters/tflite/import.js';
import { readTflite } from '../../converters/tflite/read-model.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { runOrt, type Feeds } from '../helpers/ort.js';
import { corpusModels, loadRef, readF32 } from '../helpers/corpus-refs.js';
import { runLiteRt } from '../helpers/litert.js';
import { withFloatInterface, type WrappedInterface } from '../helpers/tflite-float-interface.js';
import { needing } from '../helpers/prereq.js';
import { CORPUS_PREREQ, LITERT } from '../helpers/prerequisites.js';
import { integerKernelsGraph } from '../../src/quant/integer-kernels-graph.js';

const dir = join(CORPUS, 'tflite');
const QUANTIZED_TYPES = new Set(['INT8', 'UINT8', 'INT16']);

/** Whether any activation (a tensor without a buffer) of the model is stored quantized. */
function quantizedActivations(path: string): boolean {
  const m = readTflite(new Uint8Array(readFileSync(path)), path);
  return m.subgraphs.some((sg) =>
    sg.tensors.some((t) => !m.buffers[t.buffer] && t.quant && QUANTIZED_TYPES.has(t.type)),
  );
}

/** Integer codes of LiteRT's dequantized float output. */
const codesOf = (values: ArrayLike<number>, o: WrappedInterface): number[] =>
  Array.from(values, (f) => Math.round(f / o.scale) + o.zeroPoint);

function gap(got: ArrayLike<number | bigint>, want: number[]): { steps: number; differ: number } {
  let steps = 0,
    differ = 0;
  want.forEach((w, k) => {
    const d = Math.abs(Number(got[k]) - w);
    steps = Math.max(steps, d);
    if (d) differ++;
  });
  return { steps, differ };
}

for (const n of corpusModels('tflite', '.tflite')) {
  needing(
    test,
    CORPUS_PREREQ,
    LITERT,
  )(`${n}: int8 re-simulation with its own scales vs LiteRT.js`, async () => {
    const path = join(dir, `${n}.tflite`);
    if (!quantizedActivations(path)) {
      const m = readTfliteModel(path);
      assert.ok(
        m.graph.nodes.every((x) => x.op !== 'QuantizeLinear'),
        `${n}: no quantized activation in the file, yet the import quantizes`,
      );
      console.log(`  ${n}: float activations, nothing to re-simulate`);
      return;
    }
    const ref = loadRef('tflite', `${n}.json`) ?? loadRef('tflite', `${n}.armnn.json`);
    assert.ok(ref, `${n}: no reference input in the corpus`);
    const wrapped = withFloatInterface(path);
    const inp = wrapped.inputs[0]!;
    const codes = readF32('tflite', ref.inputs[0]!.file);
    const file = join(mkdtempSync(join(tmpdir(), 'convcheck-resim-')), `${n}.float-io.tflite`);
    writeFileSync(file, wrapped.bytes);
    const liteInput = inp.type === 'INT8' ? Float32Array.from(codes, (q) => (q - inp.zeroPoint) * inp.scale) : codes;
    const lite = await runLiteRt(file, [{ data: liteInput, shape: inp.shape }]);
    const plain = readTfliteModel(path);
    const simulated = readTfliteModel(path);
    const rewritten = integerKernelsGraph(simulated);
    const x = simulated.graph.inputs[0]!;
    const data = x.dtype === 'int8' ? Int8Array.from(codes) : x.dtype === 'uint8' ? Uint8Array.from(codes) : codes;
    const feeds: Feeds = { [x.name]: { dtype: x.dtype!, dims: inp.shape, data } };
    const [before, after] = [await runOrt(toOnnxBytes(plain), feeds), await runOrt(toOnnxBytes(simulated), feeds)];
    const lines = [`${rewritten.convolutions} conv/FC and ${rewritten.additions} add rewritten`];
    wrapped.outputs.forEach((o, i) => {
      const want = codesOf(lite[i]!.data as ArrayLike<number>, o);
      const name = simulated.graph.outputs[i]!.name;
      const g0 = gap(before[name]!.data as ArrayLike<number>, want);
      const g1 = gap(after[name]!.data as ArrayLike<number>, want);
      lines.push(
        `${o.name}: ${want.length} elements; Q/DQ import ${g0.differ} differ (max ${g0.steps} steps), integer kernels ${g1.differ} differ (max ${g1.steps})`,
      );
      assert.ok(g1.steps <= 1, `${n} ${o.name}: ${g1.steps} quantization steps from LiteRT.js`);
    });
    console.log(`  ${n} vs LiteRT.js: ${lines.join('; ')}`);
  });
}

test.run();
