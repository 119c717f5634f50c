/** Models with several signatures: inspect lists them all, --signature picks one, the default is the first. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTflite, type TflModelSpec, type TflTensorSpec } from '../../helpers/tflite-builder.js';
import { readTfliteModel } from '../../../converters/tflite/import.js';
import { runCli } from '../../helpers/cli.js';
import { runOrt } from '../../helpers/ort.js';

const f32 = (name: string, shape: number[], data?: number[]): TflTensorSpec => ({ name, type: 'FLOAT32', shape, data });

/** Subgraph 0 'encode': y = tanh(x) [1,4]; subgraph 1 'decode': z = exp(u) + 1 [2,3]; listed decode first. */
const spec: TflModelSpec = {
  name: 'encode_graph',
  tensors: [f32('enc_x', [1, 4]), f32('enc_y', [1, 4])],
  inputs: [0],
  outputs: [1],
  operators: [{ op: 'TANH', inputs: [0], outputs: [1] }],
  subgraphs: [
    {
      name: 'decode_graph',
      tensors: [f32('dec_u', [2, 3]), f32('dec_e', [2, 3]), f32('one', [], [1]), f32('dec_z', [2, 3])],
      inputs: [0],
      outputs: [3],
      operators: [
        { op: 'EXP', inputs: [0], outputs: [1] },
        { op: 'ADD', inputs: [1, 2], outputs: [3] },
      ],
    },
  ],
  signatures: [
    { key: 'decode', subgraph: 1, inputs: [['u', 0]], outputs: [['z', 3]] },
    { key: 'encode', subgraph: 0, inputs: [['x', 0]], outputs: [['y', 1]] },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'convcheck-sig-'));
const file = join(dir, 'two_signatures.tflite');
writeFileSync(file, buildTflite(spec));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('the default is the first signature; --signature picks another', async () => {
  const first = readTfliteModel(file);
  assert.equal(
    first.graph.inputs.map((v) => [v.name, v.shape]),
    [['dec_u', [2, 3]]],
  );
  const u = Float32Array.from([0, 1, -1, 0.5, 2, -3]);
  const out = await runOrt(first, { dec_u: { dtype: 'float32', dims: [2, 3], data: u } });
  const z = out[first.graph.outputs[0]!.name]!.data as Float32Array;
  u.forEach((v, i) => assert.ok(Math.abs(z[i]! - (Math.exp(v) + 1)) < 1e-5 * Math.exp(2)));
  const enc = readTfliteModel(file, { signature: 'encode' });
  assert.equal(
    enc.graph.inputs.map((v) => [v.name, v.shape]),
    [['enc_x', [1, 4]]],
  );
  assert.equal(
    enc.graph.nodes.map((n) => n.op),
    ['Tanh'],
  );
});

test('inspect lists every signature (text and json)', () => {
  const text = runCli(['inspect', file]);
  assert.is(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /signatures\n\s+decode \(imported\): subgraph 1; inputs u; outputs z\n\s+encode: subgraph 0; inputs x; outputs y/,
  );
  const json = runCli(['inspect', file, '--format', 'json', '--signature', 'encode']);
  assert.is(json.code, 0, json.stderr);
  const s = JSON.parse(json.stdout) as { signatures: { name: string; subgraph: number; selected: boolean }[] };
  assert.equal(
    s.signatures.map((x) => [x.name, x.subgraph, x.selected]),
    [
      ['decode', 1, false],
      ['encode', 0, true],
    ],
  );
});

test('an unknown signature is a one-line error, exit 2', () => {
  const r = runCli(['inspect', file, '--signature', 'train']);
  assert.is(r.code, 2);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /no signature 'train' \(the model has 'decode', 'encode'\)/);
  const check = runCli([file, '--signature', 'nope', '--format', 'json']);
  assert.is(check.code, 2);
});

test.run();
