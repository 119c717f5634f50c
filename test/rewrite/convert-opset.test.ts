/**
 * convert-opset: linter-style cases, then the ONNX backend suite (every node model converted to each of
 * opsets 9–21 where possible, run in onnxruntime, compared with onnxruntime on the original) and every
 * sample converted to other opsets with equal outputs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';
import { readOnnx } from '../../converters/onnx/import.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { convertOpset } from '../../src/rewrite/opset-convert/convert.js';
import { inferShapes } from '../../src/shape/infer.js';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { verifyModels } from '../../src/verify/compare-runs.js';
import { dataFiles, suiteCases } from '../helpers/onnx-testdata.js';
import { compare, sampleInput, readTensorPb, runOrt, type Feeds } from '../helpers/ort.js';
import { samples } from '../helpers/samples.js';
import { compareTensors, type TensorLike } from '../../src/verify/compare.js';
import { needing } from '../helpers/prereq.js';
import { ONNX_TESTDATA_PREREQ } from '../helpers/prerequisites.js';

test('convert-opset', async () => {
  expectNoMatch('convert-opset', [
    { graph: 'opset 13\ninput x: float32[2,3]\ny = Relu(x)\noutput y', targetOpset: 13, name: 'already at the target' },
    { graph: 'opset 13\ninput x: float32[2,3]\ny = Relu(x)\noutput y', name: 'no target opset given' },
    {
      graph: 'opset 13\ninput x: float32[2,3]\ninput a: int64[1]\ny = Unsqueeze(x, a)\noutput y',
      targetOpset: 11,
      name: 'axes computed at run time cannot become an attribute',
    },
    {
      graph:
        'opset 17\ninput x: float32[2,3]\nconst s: int64[1] = [0]\nconst e: int64[1] = [3]\nconst a: int64[1] = [1]\nconst p: int64[1] = [2]\ny = Slice(x, s, e, a, p)\noutput y',
      targetOpset: 9,
      name: 'Slice steps before opset 10',
    },
    {
      graph: 'opset 11\ninput x: float32[2,3]\ny = CustomThing(x)\noutput y',
      targetOpset: 13,
      name: 'an unknown op refuses the whole conversion',
    },
  ]);
  await expectRewrite(
    'convert-opset',
    [
      {
        graph:
          'opset 11\ninput x: float32[1,3,1,4]\ny = Squeeze<axes=[0,2]>(x)\nz = Unsqueeze<axes=[-1]>(y)\nw = ReduceSum<axes=[1], keepdims=0>(z)\noutput w',
        targetOpset: 13,
        ops: ['Squeeze', 'Unsqueeze', 'ReduceSum'],
        name: 'axes attributes → inputs',
      },
      {
        graph: 'opset 13\ninput x: float32[2,3,4]\ny = Softmax<axis=1>(x)\noutput y',
        targetOpset: 11,
        ops: ['Transpose', 'Softmax', 'Transpose'],
        name: 'Softmax over a middle axis, down to the coercing form',
      },
      {
        graph: 'opset 11\ninput x: float32[2,3,4]\ny = LogSoftmax<axis=1>(x)\noutput y',
        targetOpset: 13,
        ops: ['Flatten', 'Shape', 'LogSoftmax', 'Reshape'],
        name: 'LogSoftmax coercion, up',
      },
      {
        graph: 'opset 10\ninput x: float32[2,3]\ny = Clip<min=-0.5, max=0.5>(x)\noutput y',
        targetOpset: 12,
        ops: ['Clip'],
        name: 'Clip attributes → inputs',
      },
      {
        graph:
          'opset 18\ninput x: float32[1,2,4,6]\nconst p: int64[2] = [1,2]\nconst a: int64[1] = [3]\ny = Pad(x, p, , a)\noutput y',
        targetOpset: 10,
        ops: ['Pad'],
        name: 'Pad-18 axes down to Pad-2 attributes',
      },
      {
        graph:
          'opset 9\ninput x: float32[1,2,3,4]\nconst s: float32[4] = [1,1,2,2]\ny = Upsample<mode="nearest">(x, s)\noutput y',
        targetOpset: 13,
        ops: ['Resize'],
        name: 'Upsample → Resize (asymmetric, floor)',
      },
      {
        graph:
          'opset 18\ninput x: float32[2,7]\ny0, y1, y2 = Split<axis=1, num_outputs=3>(x)\noutput y0\noutput y1\noutput y2',
        targetOpset: 11,
        ops: ['Split'],
        name: 'uneven num_outputs split, down',
      },
      {
        graph:
          'opset 17\ninput x: float32[2,4,8]\nconst g: float32[8] = random(4)\nconst b: float32[8] = random(5)\ny = LayerNormalization<axis=-1, epsilon=0.00001>(x, g, b)\noutput y',
        targetOpset: 13,
        name: 'LayerNormalization decomposed below 17',
      },
    ],
    { rtol: 1e-5, atol: 1e-6 },
  );
  const m = parseModelText(
    'opset 17\ninput x: float32[2,4,8]\nconst g: float32[8] = random(4)\ny = LayerNormalization(x, g)\noutput y',
  );
  assert.equal(convertOpset(m, 13).refused, []);
  assert.is(m.opsets.get(''), 13);
  assert.ok(m.graph.nodes.every((n) => n.op !== 'LayerNormalization'));
});

const TARGETS = [9, 10, 11, 12, 13, 14, 16, 18, 19, 20, 21];
/** Equal up to 1e-5 relative (+1e-6) per element, through the product's comparison (src/verify/compare.ts). */
const close = (a: ArrayLike<unknown>, e: ArrayLike<unknown>): boolean =>
  compareTensors(
    { data: a as TensorLike['data'] },
    { data: e as TensorLike['data'] },
    {
      rtol: 1e-5,
      atol: 1e-6,
      relativeTo: 'element',
    },
  ).ok;

test('convert-opset retries after other rules remove its blockers (Focus slices, then Resize → Upsample-9)', async () => {
  const m = parseModelText(
    'opset 13\ninput x: float32[1,2,4,4]\nconst s: int64[1] = [0]\nconst e: int64[1] = [4]\nconst a: int64[1] = [2]\nconst p: int64[1] = [2]\ny = Slice(x, s, e, a, p)\nconst roi: float32[0] = []\nconst sc: float32[4] = [1,1,2,2]\nz = Resize<mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor">(y, roi, sc)\noutput z',
  );
  const original = toOnnxBytes(m);
  const run = runRewrites(m, new Set(['convert-opset', 'strided-slice-to-reshape']), { targetOpset: 9 });
  assert.is(m.opsets.get(''), 9);
  assert.equal(run.notes, [], 'the first pass’s refusal is not reported once the conversion went through');
  assert.ok(m.graph.nodes.some((n) => n.op === 'Upsample') && !m.graph.nodes.some((n) => n.op === 'Resize'));
  const v = await verifyModels(original, toOnnxBytes(m), m, { rtol: 0, atol: 0 });
  assert.ok(v.ok, JSON.stringify(v.stats));
});

needing(test, ONNX_TESTDATA_PREREQ)(
  'ONNX backend suite: every node model converted to opsets 9–21 computes what the original computes',
  async () => {
    const cases = suiteCases(['node']);
    const s = { models: 0, converted: 0, refused: 0, equal: 0 };
    const bad: string[] = [];
    for (const c of cases) {
      if (!c.dataSets.length) continue;
      let m0: ReturnType<typeof readOnnx>, feeds: Feeds;
      try {
        m0 = readOnnx(c.model);
        const ins = dataFiles(c.dataSets[0]!, 'input').map(readTensorPb);
        feeds = Object.fromEntries(ins.map((t, i) => [t.name || m0!.graph.inputs.filter((v) => !v.data)[i]!.name, t]));
      } catch {
        continue;
      } // inputs the harness cannot feed (sequences, optionals)
      if (m0.graph.nodes.some((n) => n.domain && n.domain !== 'ai.onnx')) continue;
      let ref: Feeds;
      try {
        ref = await runOrt(new Uint8Array(readFileSync(c.model)), feeds);
      } catch {
        continue;
      }
      s.models++;
      const from = m0.opsets.get('') ?? 0;
      for (const to of TARGETS) {
        if (to === from) continue;
        const m = readOnnx(c.model);
        inferShapes(m);
        if (convertOpset(m, to).refused.length) {
          s.refused++;
          continue;
        }
        s.converted++;
        try {
          const out = await runOrt(toOnnxBytes(m), feeds);
          if (
            m0.graph.outputs.every(
              (v) =>
                out[v.name] && close(out[v.name]!.data as ArrayLike<unknown>, ref[v.name]!.data as ArrayLike<unknown>),
            )
          )
            s.equal++;
          else bad.push(`${c.name} ${from}→${to}: different outputs`);
        } catch (e) {
          bad.push(`${c.name} ${from}→${to}: ${(e as Error).message.split('\n')[0]!.slice(0, 200)}`);
        }
      }
    }
    console.log(
      `  ${s.models} suite models × opsets 9–21: ${s.converted} conversions, ${s.equal} equal to the original in onnxruntime, ${s.refused} refused (ops that do not exist at the target, run-time attributes, training modes)`,
    );
    assert.equal(bad, []);
    assert.ok(s.converted > 7000, `${s.converted} conversions`);
  },
);

test('samples converted between opsets 11, 13, 17 and 18 compute the same outputs', async () => {
  const rows: string[] = [];
  for (const smp of samples((x) => x.format === 'onnx')) {
    const orig = readOnnx(smp.path);
    inferShapes(orig, {
      inputShapes: new Map(
        orig.graph.inputs
          .filter((v) => v.shape?.some((d) => typeof d !== 'number'))
          .map((v) => [v.name, v.shape!.map((d) => (typeof d === 'number' ? d : 1))]),
      ),
    });
    const input = orig.graph.inputs.find((v) => !v.data)!;
    const feeds = { [input.name]: sampleInput(input.dtype ?? 'float32', input.shape as number[], 5) };
    const ref = await runOrt(new Uint8Array(readFileSync(smp.path)), feeds);
    const done: string[] = [];
    for (const to of [11, 13, 17, 18]) {
      if (to === orig.opsets.get('')) continue;
      const m = readOnnx(smp.path);
      inferShapes(m, { inputShapes: new Map([[input.name, input.shape as number[]]]) });
      const r = convertOpset(m, to);
      if (r.refused.length) {
        done.push(`${to}: refused (${r.refused[0]})`);
        continue;
      }
      const out = await runOrt(toOnnxBytes(m), feeds);
      const d = compare(out[orig.graph.outputs[0]!.name]!.data, ref[orig.graph.outputs[0]!.name]!.data);
      assert.ok(d.maxRel <= 1e-5, `${smp.name} → opset ${to}: max rel ${d.maxRel}`);
      done.push(`${to}: max rel ${d.maxRel.toExponential(1)}`);
    }
    rows.push(`${smp.name} (opset ${orig.opsets.get('')}) → ${done.join(', ')}`);
  }
  console.log(`  ${rows.join('\n  ')}`);
});

test.run();
