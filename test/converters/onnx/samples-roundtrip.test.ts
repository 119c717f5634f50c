/**
 * Real PyTorch exports in samples/: import, get static shapes everywhere (except genuinely
 * data-dependent dims such as NonMaxSuppression counts), and round-trip through the ONNX exporter
 * with identical onnxruntime outputs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { readOnnx } from '../../../converters/onnx/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { samples } from '../../helpers/samples.js';
import { compare, sampleInput, runOrt } from '../../helpers/ort.js';

const DATA_DEPENDENT_OPS = new Set(['NonMaxSuppression', 'NonZero', 'Compress', 'Unique', 'Loop']);

for (const s of samples((x) => x.format === 'onnx')) {
  test(`${s.name}: static shapes after inference, identical outputs after the round trip`, async () => {
    const m = readOnnx(s.path);
    const dyn = m.graph.inputs.some((v) => v.shape?.some((d) => typeof d !== 'number'));
    inferShapes(
      m,
      dyn
        ? {
            inputShapes: new Map(
              m.graph.inputs.map((v) => [v.name, v.shape!.map((d) => (typeof d === 'number' ? d : 1))]),
            ),
          }
        : {},
    );
    const notStatic: string[] = [];
    const dependent = new Set<unknown>(); // values downstream of a data-dependent op may keep a symbolic dim
    for (const n of m.graph.nodes) {
      const dep = DATA_DEPENDENT_OPS.has(n.op) || n.inputs.some((v) => dependent.has(v));
      for (const v of n.outputs) {
        if (!v) continue;
        if (dep) dependent.add(v);
        if (v.dtype === null || v.shape === null) notStatic.push(`${v.name}: unknown`);
        else if (!dep && v.shape.some((d) => typeof d !== 'number')) notStatic.push(`${v.name}: [${v.shape}]`);
      }
    }
    assert.equal(notStatic, [], 'every value has a static shape or a data-dependent dim');
    const feeds = Object.fromEntries(
      m.graph.inputs.map((v, i) => [v.name, sampleInput(v.dtype ?? 'float32', v.shape as number[], 7 + i)]),
    );
    const a = await runOrt(new Uint8Array(readFileSync(s.path)), feeds);
    const b = await runOrt(toOnnxBytes(m), feeds);
    for (const k of Object.keys(a)) assert.is(compare(b[k]!.data, a[k]!.data).maxAbs, 0, `${k} identical`);
  });
}

test.run();
