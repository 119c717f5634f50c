/** Small graphs of the further ncnn layers: export → ncnn re-import → onnxruntime equals the original (several fills). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { writeNcnn } from '../../../converters/ncnn/export.js';
import { readNcnn } from '../../../converters/ncnn/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-more-'));
const CASES: [string, string, string][] = [
  [
    'InstanceNorm',
    'InstanceNorm',
    'input x: float32[1,4,5,6]\nconst g: float32[4] = random(1)\nconst b: float32[4] = random(2)\ny = InstanceNormalization<epsilon=0.00001>(x, g, b)\noutput y',
  ],
  [
    'GroupNorm',
    'GroupNorm',
    'opset 21\ninput x: float32[1,6,5,4]\nconst g: float32[6] = random(1)\nconst b: float32[6] = random(2)\ny = GroupNormalization<num_groups=3, epsilon=0.00001>(x, g, b)\noutput y',
  ],
  ['Softplus', 'Softplus', 'input x: float32[1,3,4,4]\ny = Softplus(x)\noutput y'],
  ['Selu', 'SELU', 'input x: float32[1,3,4,4]\ny = Selu(x)\noutput y'],
  ['Tile', 'Tile', 'input x: float32[1,3,2,4]\nconst r: int64[4] = [1,2,3,1]\ny = Tile(x, r)\noutput y'],
  ['Expand', 'Tile', 'input x: float32[1,3,1,4]\nconst s: int64[4] = [1,3,5,4]\ny = Expand(x, s)\noutput y'],
  [
    'ConvTranspose-group2',
    'DeconvolutionDepthWise',
    'input x: float32[1,4,5,6]\nconst w: float32[4,3,3,3] = random(1)\nconst b: float32[6] = random(2)\ny = ConvTranspose<group=2, strides=[2,2], pads=[1,0,1,1], output_padding=[1,0]>(x, w, b)\noutput y',
  ],
  [
    'ConvTranspose-depthwise',
    'DeconvolutionDepthWise',
    'input x: float32[1,4,5,6]\nconst w: float32[4,1,4,4] = random(3)\ny = ConvTranspose<group=4, strides=[2,2], pads=[1,1,1,1]>(x, w)\noutput y',
  ],
  ['SpaceToDepth', 'Reorg', 'input x: float32[1,3,4,6]\ny = SpaceToDepth<blocksize=2>(x)\noutput y'],
  [
    'Einsum-weight',
    'InnerProduct',
    'opset 13\ninput x: float32[1,3,8]\nconst w: float32[8,4] = random(1)\ny = Einsum<equation="bij,jk->bik">(x, w)\noutput y',
  ],
  [
    'Einsum-attention',
    'MatMul',
    'opset 13\ninput x: float32[1,2,5,8]\ny = Einsum<equation="bhid,bhjd->bhij">(x, x)\noutput y',
  ],
];

for (const [op, layer, graph] of CASES) {
  test(`${op} → ncnn ${layer}`, async () => {
    const m = parseModelText(graph);
    inferShapes(m);
    const original = toOnnxBytes(m);
    const base = join(dir, op);
    writeNcnn(m, `${base}.param`, {});
    assert.match(readFileSync(`${base}.param`, 'utf8'), new RegExp(`^${layer} `, 'm'));
    const back = readNcnn(`${base}.param`);
    for (const seed of [1, 2, 3]) {
      const x = randomInput(m.graph.inputs[0]!.shape as number[], seed);
      const a = await runOrt(original, { x }),
        b = await runOrt(toOnnxBytes(back), { [back.graph.inputs[0]!.name]: x });
      const d = compare(b[back.graph.outputs[0]!.name]!.data, a.y!.data);
      assert.ok(d.maxRel <= 1e-5, `${op}: max rel ${d.maxRel}`);
    }
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
