/** Advice files: the rknn cfg block parses as YAML with the documented key; trtexec flags have the documented form. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { adviceText } from '../../src/quant/advice-formats.js';
import { targetIds } from '../../src/check/targets.js';
import { needing } from '../helpers/prereq.js';
import { PYTHON_YAML } from '../helpers/prerequisites.js';

const withYaml = needing(test, PYTHON_YAML);

const layers = [
  { node: 'conv_2', output: 'conv2_out' },
  { node: "odd'name", output: 'block/1:0' },
];

withYaml('rknn: custom_quantize_layers maps output tensor names to float16 (read back by python yaml)', () => {
  const text = adviceText('rknn', layers);
  const py = 'import sys, yaml, json; print(json.dumps(yaml.safe_load(sys.stdin.read())))';
  const parsed: unknown = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { input: text, encoding: 'utf8' }));
  assert.equal(parsed, { custom_quantize_layers: { conv2_out: 'float16', 'block/1:0': 'float16' } });
  assert.is(adviceText('rknn', []), 'custom_quantize_layers: {}\n');
});

test('tensorrt: --layerPrecisions=<layer>:fp16,… with --precisionConstraints=obey', () => {
  assert.is(
    adviceText('tensorrt', layers),
    "--layerPrecisions=conv_2:fp16,odd'name:fp16 --precisionConstraints=obey\n",
  );
});

/** The five targets whose schemes the simulation covers (the later targets have none yet). */
const SIMULATED = ['tensorrt', 'ncnn', 'rknn', 'nnie', 'cv22'];

test('every simulated target has an advice format', () => {
  for (const id of SIMULATED) assert.ok(targetIds().includes(id) && adviceText(id, layers).includes('conv'), id);
});

test.run();
