/**
 * Conformance of the recurrent builtins (float kernels) with their variable state tensors: LSTM,
 * UNIDIRECTIONAL_SEQUENCE_LSTM (plain → ONNX LSTM; peephole, CIFG, clipping, projection, layer norm →
 * written out), BIDIRECTIONAL_SEQUENCE_LSTM, RNN, UNIDIRECTIONAL_SEQUENCE_RNN, BIDIRECTIONAL_SEQUENCE_RNN
 * and SVDF: import → onnxruntime against the reference kernels of test/helpers/tflite-recurrent-reference
 * (LiteRT.js refuses models with variable tensors, which every one of these needs; the test asserts that
 * refusal, so it says when LiteRT.js can take over). First invocation: states start at zero.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTfliteModel } from '../../../../converters/tflite/import.js';
import { runOrt, randomInput } from '../../../helpers/ort.js';
import { runLiteRt } from '../../../helpers/litert.js';
import {
  buildTflite,
  type TflModelSpec,
  type TflOptionValue,
  type TflTensorSpec,
} from '../../../helpers/tflite-builder.js';
import * as ref from '../../../helpers/tflite-recurrent-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-rnn-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Imports the model, runs it in onnxruntime on x, and compares every output with the reference's. */
async function check(
  name: string,
  spec: TflModelSpec,
  xDims: number[],
  reference: (x: Float32Array) => Float32Array[],
) {
  const file = join(dir, `${name.replace(/\W+/g, '_')}.tflite`);
  writeFileSync(file, buildTflite(spec));
  const model = readTfliteModel(file);
  const foreign = model.graph.nodes.filter((n) => n.domain === 'tflite').map((n) => n.op);
  assert.equal(foreign, [], 'imported without foreign ops');
  const x = randomInput(xDims, 7, -2, 2);
  const got = await runOrt(model, { [model.graph.inputs[0]!.name]: x });
  const want = reference(x.data as Float32Array);
  assert.is(model.graph.outputs.length, want.length);
  model.graph.outputs.forEach((v, k) => {
    const g = got[v.name]!.data as Float32Array,
      w = want[k]!;
    assert.is(g.length, w.length, `${v.name}: element count`);
    const range = Math.max(...w) - Math.min(...w);
    const maxAbs = Math.max(...Array.from(w, (e, i) => Math.abs(e - g[i]!)));
    assert.ok(range > 0.05, `${v.name}: the reference output varies (range ${range})`);
    assert.ok(maxAbs <= 1e-5 * range, `${name} ${v.name}: max abs ${maxAbs} over range ${range}`);
  });
}
const data = (t: TflTensorSpec | null) => (t?.data ?? null) as number[] | null;

let phase = 0;
const wave = (n: number, amp = 0.4) => {
  phase += 0.7;
  return Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + phase) * amp);
};
const f32 = (shape: number[], values?: number[]): TflTensorSpec => ({ type: 'FLOAT32', shape, data: values });
const weight = (...shape: number[]) => f32(shape, wave(shape.reduce((a, b) => a * b, 1)));
const state = (...shape: number[]): TflTensorSpec => ({ type: 'FLOAT32', shape, variable: true });

/** One operator; null inputs are absent (−1); inputs without data that are not variables are graph inputs. */
function opModel(
  op: string,
  inputs: (TflTensorSpec | null)[],
  outputs: TflTensorSpec[],
  options: Record<string, TflOptionValue>,
): TflModelSpec {
  const tensors: TflTensorSpec[] = [];
  const slot = inputs.map((t) => (t ? tensors.push({ name: `in${tensors.length}`, ...t }) - 1 : -1));
  const outs = outputs.map((t, i) => tensors.push({ name: `out${i}`, ...t }) - 1);
  const graphInputs = slot.filter((i) => i >= 0 && tensors[i]!.data === undefined && !tensors[i]!.variable);
  return { tensors, inputs: graphInputs, outputs: outs, operators: [{ op, inputs: slot, outputs: outs, options }] };
}

interface LstmFeatures {
  cifg?: boolean;
  peephole?: boolean;
  projection?: number;
  layerNorm?: boolean;
}
/** The 17 weight/bias slots of one LSTM direction (inputs 1–17 of the op). */
function lstmSlots(inSize: number, cells: number, f: LstmFeatures): (TflTensorSpec | null)[] {
  const out = f.projection ?? cells;
  const gates = (cols: number) => [
    f.cifg ? null : weight(cells, cols),
    weight(cells, cols),
    weight(cells, cols),
    weight(cells, cols),
  ];
  const peep = f.peephole ? [f.cifg ? null : weight(cells), weight(cells), weight(cells)] : [null, null, null];
  const bias = [f.cifg ? null : weight(cells), f32([cells], wave(cells, 1)), weight(cells), weight(cells)];
  const proj = f.projection ? [weight(out, cells), weight(out)] : [null, null];
  return [...gates(inSize), ...gates(out), ...peep, ...bias, ...proj];
}
/** The reference's view of those slots (and of the layer norm slots, if any). */
function lstmWeights(slots: (TflTensorSpec | null)[], ln: (TflTensorSpec | null)[] = []): ref.LstmWeights {
  return {
    input: slots.slice(0, 4).map(data),
    recurrent: slots.slice(4, 8).map(data),
    peephole: slots.slice(8, 11).map(data),
    bias: slots.slice(11, 15).map(data),
    projection: data(slots[15]!),
    projectionBias: data(slots[16]!),
    layerNorm: ln.length ? ln.map(data) : null,
  };
}
const lstmOptions = (o: Record<string, TflOptionValue>): ref.LstmOptions => ({
  activation: String(o.fused_activation_function),
  cellClip: Number(o.cell_clip ?? 0),
  projClip: Number(o.proj_clip ?? 0),
});

const LSTM_CASES: [string, LstmFeatures, Record<string, TflOptionValue>][] = [
  ['plain (ONNX LSTM)', {}, { fused_activation_function: 'TANH' }],
  ['peephole, time major (ONNX LSTM)', { peephole: true }, { fused_activation_function: 'TANH', time_major: true }],
  [
    'CIFG, peephole, projection, cell and projection clip',
    { cifg: true, peephole: true, projection: 3 },
    { fused_activation_function: 'TANH', cell_clip: 0.3, proj_clip: 0.2 },
  ],
  ['layer norm, peephole', { layerNorm: true, peephole: true }, { fused_activation_function: 'TANH' }],
  ['layer norm CIFG, relu6 activation', { layerNorm: true, cifg: true }, { fused_activation_function: 'RELU6' }],
];

for (const [name, f, options] of LSTM_CASES)
  test(`UNIDIRECTIONAL_SEQUENCE_LSTM ${name}`, async () => {
    const [batch, steps, input, cells] = [2, 3, 4, 5];
    const output = f.projection ?? cells;
    const timeMajor = !!options.time_major;
    const seq = timeMajor ? [steps, batch] : [batch, steps];
    const slots = lstmSlots(input, cells, f);
    const ln = f.layerNorm ? [f.cifg ? null : weight(cells), weight(cells), weight(cells), weight(cells)] : [];
    const spec = opModel(
      'UNIDIRECTIONAL_SEQUENCE_LSTM',
      [f32([...seq, input]), ...slots, state(batch, output), state(batch, cells), ...ln],
      [f32([...seq, output])],
      options,
    );
    await check(name, spec, [...seq, input], (x) => [
      ref.lstmSequence(lstmWeights(slots, ln), lstmOptions(options), { input, cells, output }, x, {
        batch,
        steps,
        timeMajor,
      }),
    ]);
  });

test('LSTM (one step, peephole, projection, cell clip)', async () => {
  const [batch, input, cells, output] = [3, 4, 6, 2];
  const slots = lstmSlots(input, cells, { peephole: true, projection: output });
  const options = { fused_activation_function: 'TANH', cell_clip: 0.5 };
  const spec = opModel(
    'LSTM',
    [f32([batch, input]), ...slots, state(batch, output), state(batch, cells)],
    [f32([batch, output])],
    options,
  );
  await check('lstm', spec, [batch, input], (x) => [
    ref.lstmSequence(lstmWeights(slots), lstmOptions(options), { input, cells, output }, x, {
      batch,
      steps: 1,
      timeMajor: true,
    }),
  ]);
});

for (const merge of [false, true])
  test(`BIDIRECTIONAL_SEQUENCE_LSTM${merge ? ' merge_outputs' : ''}`, async () => {
    const [steps, batch, input, cells] = [4, 2, 3, 5];
    const fw = lstmSlots(input, cells, {}),
      bw = lstmSlots(input, cells, { peephole: true });
    const states = [state(batch, cells), state(batch, cells), state(batch, cells), state(batch, cells)];
    const outputs = merge ? [f32([steps, batch, 2 * cells])] : [f32([steps, batch, cells]), f32([steps, batch, cells])];
    const options = { fused_activation_function: 'TANH', merge_outputs: merge, time_major: true };
    const spec = opModel(
      'BIDIRECTIONAL_SEQUENCE_LSTM',
      [f32([steps, batch, input]), ...fw, ...bw, ...states, ...new Array<null>(9).fill(null)],
      outputs,
      options,
    );
    await check(`bilstm${merge}`, spec, [steps, batch, input], (x) => {
      const sizes = { input, cells, output: cells };
      const run = (slots: (TflTensorSpec | null)[], reverse: boolean) =>
        ref.lstmSequence(lstmWeights(slots), lstmOptions(options), sizes, x, {
          batch,
          steps,
          timeMajor: true,
          reverse,
        });
      const [a, b] = [run(fw, false), run(bw, true)];
      return merge ? [concatLast(a, b, cells)] : [a, b];
    });
  });

/** Two [.., n] arrays joined on the last axis. */
function concatLast(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const out = new Float32Array(a.length * 2);
  for (let r = 0; r < a.length / n; r++) {
    out.set(a.subarray(r * n, r * n + n), 2 * r * n);
    out.set(b.subarray(r * n, r * n + n), 2 * r * n + n);
  }
  return out;
}

for (const act of ['TANH', 'RELU', 'RELU6'])
  test(`UNIDIRECTIONAL_SEQUENCE_RNN ${act}`, async () => {
    const [batch, steps, input, units] = [2, 4, 3, 5];
    const [w, r, b] = [weight(units, input), weight(units, units), weight(units)];
    const spec = opModel(
      'UNIDIRECTIONAL_SEQUENCE_RNN',
      [f32([batch, steps, input]), w, r, b, state(batch, units)],
      [f32([batch, steps, units])],
      { fused_activation_function: act },
    );
    await check(`rnn${act}`, spec, [batch, steps, input], (x) => [
      ref.rnnSequence(data(w)!, data(r)!, data(b)!, act, { input, units }, x, { batch, steps, timeMajor: false }),
    ]);
  });

test('RNN (one step, relu)', async () => {
  const [batch, input, units] = [3, 4, 6];
  const [w, r, b] = [weight(units, input), weight(units, units), weight(units)];
  const spec = opModel('RNN', [f32([batch, input]), w, r, b, state(batch, units)], [f32([batch, units])], {
    fused_activation_function: 'RELU',
  });
  await check('rnn1', spec, [batch, input], (x) => [
    ref.rnnSequence(data(w)!, data(r)!, data(b)!, 'RELU', { input, units }, x, { batch, steps: 1, timeMajor: true }),
  ]);
});

for (const merge of [false, true])
  test(`BIDIRECTIONAL_SEQUENCE_RNN${merge ? ' merge_outputs' : ''}, batch major`, async () => {
    const [batch, steps, input, units] = [2, 3, 4, 3];
    const direction = () => [weight(units, input), weight(units, units), weight(units)];
    const [fw, bw] = [direction(), direction()];
    const outputs = merge ? [f32([batch, steps, 2 * units])] : [f32([batch, steps, units]), f32([batch, steps, units])];
    const spec = opModel(
      'BIDIRECTIONAL_SEQUENCE_RNN',
      [f32([batch, steps, input]), ...fw, state(batch, units), ...bw, state(batch, units), null, null, null],
      outputs,
      { fused_activation_function: 'TANH', merge_outputs: merge, time_major: false },
    );
    await check(`birnn${merge}`, spec, [batch, steps, input], (x) => {
      const run = (d: TflTensorSpec[], reverse: boolean) =>
        ref.rnnSequence(data(d[0]!)!, data(d[1]!)!, data(d[2]!)!, 'TANH', { input, units }, x, {
          batch,
          steps,
          timeMajor: false,
          reverse,
        });
      const [a, b] = [run(fw, false), run(bw, true)];
      return merge ? [concatLast(a, b, units)] : [a, b];
    });
  });

test('SVDF rank 2, relu', async () => {
  const [batch, input, filters, memory, rank] = [2, 5, 6, 4, 2];
  const [wf, wt, b] = [weight(filters, input), weight(filters, memory), weight(filters / rank)];
  const spec = opModel(
    'SVDF',
    [f32([batch, input]), wf, wt, b, state(batch, filters * memory)],
    [f32([batch, filters / rank])],
    { rank, fused_activation_function: 'RELU' },
  );
  await check('svdf', spec, [batch, input], (x) => [
    ref.svdfReference(x, data(wf)!, data(wt)!, data(b), { batch, input, filters, memory, rank, activation: 'RELU' }),
  ]);
});

test('LiteRT.js still refuses variable tensors (else it should be the reference here)', async () => {
  const spec = opModel('RNN', [f32([1, 2]), weight(3, 2), weight(3, 3), weight(3), state(1, 3)], [f32([1, 3])], {
    fused_activation_function: 'TANH',
  });
  const file = join(dir, 'variable.tflite');
  writeFileSync(file, buildTflite(spec));
  let refused = false;
  try {
    await runLiteRt(file, [{ data: new Float32Array(2), shape: [1, 2] }]);
  } catch {
    refused = true;
  }
  assert.ok(refused, 'LiteRT.js now runs variable tensors: compare the recurrent ops with it');
});

test.run();
