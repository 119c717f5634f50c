/**
 * The schemes of openvino, horizon, mnn and snpe: their documented integer ranges give the hand-computed scales, and
 * their advice files read back in the format they name (Python, YAML, JSON).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { quantScheme } from '../../src/quant/scheme.js';
import { linearParams, quantizeValue } from '../../src/quant/linear-quant.js';
import { adviceText } from '../../src/quant/advice-formats.js';
import { targetIds } from '../../src/check/targets.js';
import { needing } from '../helpers/prereq.js';

const MORE = ['openvino', 'horizon', 'mnn', 'snpe'];
const layers = [
  { node: 'conv_2', output: 'conv2_out' },
  { node: "odd'name", output: 'block/1:0' },
];

const python = (code: string, input: string): string =>
  execFileSync('/usr/bin/python3', ['-c', code], { input, encoding: 'utf8' });
const hasYaml = ((): boolean => {
  try {
    python('import yaml', '');
    return true;
  } catch {
    return false;
  }
})();
const withYaml = needing(test, { name: 'python3 yaml', ok: hasYaml, install: 'apt-get install python3-yaml' });

test('each later target has a scheme with 8-bit weights and activations and an advice format', () => {
  for (const id of MORE) {
    assert.ok(targetIds().includes(id), id);
    const s = quantScheme(id);
    assert.is(s.kind, 'linear', id);
    assert.is(s.weights.bits, 8, id);
    assert.is(s.activations.bits, 8, id);
    assert.ok(adviceText(id, layers).length > 0, id);
  }
});

test('completeness: every target of targets.json has a scheme and an advice format', () => {
  for (const id of targetIds()) {
    assert.ok(quantScheme(id).weights.bits >= 8, id);
    assert.ok(adviceText(id, layers).length > 0, id);
  }
});

test('snpe: TF-style asymmetric range [-1, 3] → scale 4/255, zero point exactly representable', () => {
  const p = linearParams({ lo: -1, hi: 3 }, quantScheme('snpe').activations);
  assert.ok(Math.abs(p.scale - 4 / 255) < 1e-12);
  // offset = round(-min/scale) = round(63.75) = 64 above the lowest code; 0.0 maps to an integer exactly
  assert.is(p.zeroPoint - p.qmin, 64);
  assert.is((quantizeValue(0, p) - p.zeroPoint) * p.scale, 0);
});

test('mnn: symmetric [-127, 127] (clamp value 127) → scale max|x|/127, -max maps to -127 not -128', () => {
  const w = quantScheme('mnn').weights;
  const p = linearParams({ lo: -2.54, hi: 1 }, w);
  assert.ok(Math.abs(p.scale - 0.02) < 1e-12);
  assert.is(p.qmin, -127);
  assert.is(quantizeValue(-2.54, p), -127);
  assert.is(quantizeValue(-10, p), -127);
});

test('openvino: symmetric weights use 255 levels (±127), activations the signed 256 levels', () => {
  const s = quantScheme('openvino');
  assert.is(linearParams({ lo: -1, hi: 1 }, s.weights).qmin, -127);
  assert.is(linearParams({ lo: -1, hi: 1 }, s.activations).qmin, -128);
  assert.is(s.activations.granularity, 'per-tensor');
  assert.is(s.weights.granularity, 'per-channel');
});

test('openvino advice is a Python nncf.IgnoredScope(names=[…]) argument with the exact names', () => {
  const text = adviceText('openvino', layers);
  const py = [
    'import ast, sys, json',
    'call = ast.parse(sys.stdin.read()).body[0].value',
    'assert call.func.attr == "IgnoredScope" and call.func.value.id == "nncf"',
    'print(json.dumps(ast.literal_eval(call.keywords[0].value)))',
  ].join('\n');
  assert.equal(JSON.parse(python(py, text.replace(/^ignored_scope=/, ''))), ['conv_2', "odd'name"]);
});

withYaml("horizon advice is the YAML line run_on_cpu: 'a; b' (read back by python yaml)", () => {
  const py = 'import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin.read())))';
  const parsed = JSON.parse(python(py, adviceText('horizon', layers))) as { run_on_cpu: string };
  assert.equal(parsed.run_on_cpu.split('; '), ['conv_2', "odd'name"]);
});

test('mnn advice is quant.json skip_quant_op_names; snpe advice lists output tensors for 16-bit encodings', () => {
  assert.equal(JSON.parse(adviceText('mnn', layers)), { skip_quant_op_names: ['conv_2', "odd'name"] });
  const snpe = adviceText('snpe', layers).split('\n');
  assert.match(snpe[0]!, /quantization_overrides/);
  assert.equal(snpe.slice(1, 3), ['conv2_out', 'block/1:0']);
});

test.run();
