/**
 * Caffe import against real runtimes: every corpus prototxt imports with and without its weights;
 * every net with a reference (OpenCV 4.6 dnn, or an independent Caffe-layer interpreter for fork
 * layers) is reproduced through ONNX export + onnxruntime within 1e-4 of the output's range.
 */
import { test } from 'uvu';
import { runRewrites } from '../../../src/rewrite/engine.js';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../helpers/paths.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { compare, runOrt } from '../../helpers/ort.js';
import { corpusModels, loadRef, readF32, refExists } from '../../helpers/corpus-refs.js';
import type { Model } from '../../../src/ir/model.js';
import { removeDeadNodes } from '../../../src/ir/cleanup.js';
import type { Value } from '../../../src/ir/value.js';
import { dependsOnDomain } from '../../helpers/foreign.js';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ } from '../../helpers/prerequisites.js';

const dir = join(CORPUS, 'caffe');
const nets = corpusModels('caffe', '.prototxt');

needing(test, CORPUS_PREREQ)('every corpus prototxt imports with and without its caffemodel', () => {
  for (const n of nets) {
    const withW = readCaffe(join(dir, `${n}.prototxt`));
    const noW = readCaffe(join(dir, `${n}.prototxt`), { weights: 'none' });
    assert.ok(withW.graph.nodes.length > 3 && noW.graph.nodes.length === withW.graph.nodes.length, n);
    assert.ok(
      withW.graph.nodes.every((x) => x.origin?.format === 'caffe'),
      `${n}: every node knows its layer`,
    );
    if (existsSync(join(dir, `${n}.caffemodel`)))
      assert.ok(
        withW.graph.constants().some((v) => v.data!.isLoaded && !v.meta.missingWeights),
        `${n} has weights`,
      );
  }
});

for (const n of nets) {
  for (const kind of ['', '.torch']) {
    // every net with weights has the interpreter's reference (.torch); OpenCV's where OpenCV runs the net
    const required = kind === '.torch' && existsSync(join(dir, `${n}.caffemodel`));
    if (!required && !refExists('caffe', `${n}${kind}.json`)) continue;
    needing(test, CORPUS_PREREQ)(`${n}${kind}: reproduces the reference through ONNX + onnxruntime`, async () => {
      const ref = loadRef('caffe', `${n}${kind}.json`);
      assert.ok(ref, `${n}: the corpus lists the net with weights but has no reference ref/${n}${kind}.json`);
      const inShape = ref.inputs[0]!.shape;
      const model: Model = readCaffe(join(dir, `${n}.prototxt`), {
        inputShapes: new Map([[ref.inputs[0]!.name ?? 'data', inShape]]),
      });
      const blobs = model.extra.blobs as Map<string, string>;
      const refValues = ref.outputs.map((o) => {
        const v = model.graph.values.get(blobs.get(o.blob ?? o.layer ?? '') ?? '');
        assert.ok(v, `${n}: blob ${o.blob} is in the graph`);
        return v!;
      });
      model.graph.outputs = refValues; // compared blobs stay (folding keeps graph outputs)
      runRewrites(model, new Set(['fold-constants', 'expand-caffe-detection-output'])); // PriorBox layers become their priors, DetectionOutput its ONNX definition
      const wanted: [string, Value, Float32Array][] = [];
      let skipped = 0;
      ref.outputs.forEach((o, i) => {
        const v = model.graph.outputs[i]!;
        if (dependsOnDomain(v, 'caffe')) {
          skipped++;
          return;
        }
        wanted.push([o.blob ?? '', v, readF32('caffe', o.file)]);
      });
      model.graph.outputs = wanted.map(([, v]) => v);
      removeDeadNodes(model.graph);
      assert.ok(wanted.length, `${n}${kind}: every reference output depends on fork layers onnxruntime cannot run`);
      const inputName = model.graph.inputs[0]!.name;
      const out = await runOrt(toOnnxBytes(model), {
        [inputName]: { dtype: 'float32', dims: inShape, data: readF32('caffe', ref.inputs[0]!.file) },
      });
      const lines: string[] = [];
      for (const [blob, v, expected] of wanted) {
        const d = compare(out[v.name]!.data, expected);
        lines.push(`${blob} max abs ${d.maxAbs.toExponential(2)} rel ${d.maxRel.toExponential(2)}`);
        assert.ok(d.maxRel <= 1e-4, `${n}${kind} ${blob}: max relative error ${d.maxRel} (max abs ${d.maxAbs})`);
      }
      console.log(
        `  ${n}${kind} vs ${ref.runtime}: ${lines.join('; ')}${skipped ? `; ${skipped} output(s) behind fork layers not compared` : ''}`,
      );
    });
  }
}

test.run();
