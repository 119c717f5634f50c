/**
 * Ops Caffe has no layer for, written with layers it has, run in OpenCV dnn against onnxruntime:
 * LayerNormalization exactly (ε inside the root, which Caffe's MVN cannot do, so small-variance rows are
 * tested), tanh GELU exactly, erf GELU through the A&S 7.1.26 erf with a warning whose stated error is
 * re-measured here, and the activations decomposed by rewrites (HardSwish, SiLU, Mish).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { GELU_ERF_MAX_ERROR } from '../../../converters/caffe/export/layers/gelu.js';
import { needing } from '../../helpers/prereq.js';
import { OPENCV } from '../../helpers/opencv-dnn.js';
import { exportAndCompare } from './caffe-export-run.js';

const withOpenCv = needing(test, OPENCV);

async function exported(name: string, text: string) {
  const m = parseModelText(text);
  inferShapes(m);
  const r = await exportAndCompare(m, `decomp-${name}`);
  if (!r.written) throw new Error(`refused: ${r.blockers.join(' | ')}`);
  return r;
}

const LAYER_NORMS = [
  {
    name: 'last axis, γ and β, rows of variance ~1e-5 (ε = 1e-5 matters)',
    text: `opset 17
input x: float32[1,4,6,8]
const s: float32[1] = [0.003]
const g: float32[8] = random(5)
const b: float32[8] = random(6)
y = Mul(x, s)
z = LayerNormalization<axis=-1, epsilon=1e-5>(y, g, b)
output z`,
  },
  {
    name: 'axes 2-3 (48 values per row), γ only',
    text: `opset 17
input x: float32[1,4,6,8]
const g: float32[6,8] = random(7)
z = LayerNormalization<axis=2, epsilon=1e-3>(x, g)
output z`,
  },
];

for (const c of LAYER_NORMS)
  withOpenCv(`LayerNormalization ${c.name}: exact in OpenCV dnn`, async () => {
    const r = await exported(`ln-${c.name.slice(0, 10)}`, c.text);
    assert.ok(r.net.warnings.length === 0, r.net.warnings.join(' | '));
    assert.ok(
      r.net.layers.every((l) => l.type !== 'MVN' || l.params.mvn_param),
      'MVN written with its params',
    );
    for (const [name, d] of r.diffs) {
      process.stderr.write(`  LayerNorm ${c.name}: max abs ${d.maxAbs.toExponential(2)}\n`);
      assert.ok(d.maxRel <= 1e-5, `${name}: max rel ${d.maxRel}`);
    }
  });

withOpenCv(
  'erf GELU: written with a warning, and its stated max error holds on 20 000 points of [-10, 10]',
  async () => {
    const r = await exported(
      'gelu-erf',
      `opset 13
input x: float32[1,1,100,200]
const ten: float32[] = [10.0]
const r2: float32[] = [1.4142135623730951]
const one: float32[] = [1.0]
const half: float32[] = [0.5]
w = Mul(x, ten)
a = Div(w, r2)
e = Erf(a)
p = Add(e, one)
m = Mul(w, p)
y = Mul(m, half)
output y`,
    );
    assert.is(r.net.warnings.length, 1);
    assert.match(r.net.warnings[0]!, /Abramowitz & Stegun 7\.1\.26/);
    assert.match(r.net.warnings[0]!, new RegExp(`max \\|error\\| ${GELU_ERF_MAX_ERROR}`));
    assert.not.ok(r.net.layers.some((l) => l.type === 'Erf'));
    const d = r.diffs.get('y')!;
    process.stderr.write(`  erf GELU in OpenCV dnn: max abs error ${d.maxAbs.toExponential(2)} over [-10, 10]\n`);
    assert.ok(d.maxAbs <= GELU_ERF_MAX_ERROR, `max abs ${d.maxAbs} > stated ${GELU_ERF_MAX_ERROR}`);
  },
);

withOpenCv('tanh GELU (opset 20 Gelu approximate="tanh"): exact, no warning', async () => {
  const r = await exported(
    'gelu-tanh',
    `opset 20
input x: float32[1,2,10,10]
const four: float32[] = [4.0]
w = Mul(x, four)
y = Gelu<approximate="tanh">(w)
output y`,
  );
  assert.is(r.net.warnings.length, 0);
  for (const [name, d] of r.diffs) assert.ok(d.maxAbs <= 1e-6, `${name}: max abs ${d.maxAbs}`);
});

const ACTIVATIONS = [
  { name: 'HardSwish', text: 'y = HardSwish(w)', opset: 14 },
  { name: 'SiLU', text: 's = Sigmoid(w)\ny = Mul(w, s)', opset: 13 },
  { name: 'Mish', text: 'y = Mish(w)', opset: 18 },
];
for (const c of ACTIVATIONS)
  withOpenCv(`${c.name}: decomposed exactly`, async () => {
    const r = await exported(
      `act-${c.name}`,
      `opset ${c.opset}\ninput x: float32[1,2,10,10]\nconst k: float32[] = [5.0]\nw = Mul(x, k)\n${c.text}\noutput y`,
    );
    assert.is(r.net.warnings.length, 0);
    for (const [name, d] of r.diffs) assert.ok(d.maxRel <= 1e-5, `${name}: max rel ${d.maxRel}`);
  });

test.run();
