/**
 * Caffe and TFLite corpus models → ncnn: every float model exports (or is refused with blockers and nothing
 * written), and the ncnn files read back compute what the imported model computes in onnxruntime.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../../converters/index.js';
import { exportNcnn } from '../../../src/cli/export-pipeline/ncnn.js';
import { readNcnn } from '../../../converters/ncnn/import.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { corpusModels } from '../../helpers/corpus-refs.js';
import { CORPUS } from '../../helpers/paths.js';
import { compare, randomInput, runOrt } from '../../helpers/ort.js';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ } from '../../helpers/prerequisites.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-ncnn-foreign-'));
/** Models that must export (the int8 TFLM models and the Caffe detection net with its DetectionOutput are refused by design). */
const MUST = [
  'lenet',
  'mobilenet_v2',
  'mtcnn_det1',
  'shufflenet_v2_1x',
  'squeezenet_v1_1',
  'face_detection_short_range',
  'hand_recrop',
  'palm_detection_lite',
  'object_detection_3d_cup',
  'selfie_segmentation',
];

const models = [
  ...corpusModels('caffe', '.prototxt').map((n) => ['caffe', n, '.prototxt'] as const),
  ...corpusModels('tflite', '.tflite').map((n) => ['tflite', n, '.tflite'] as const),
];
needing(test, CORPUS_PREREQ)('Caffe and TFLite corpus models export to ncnn and read back equal', async () => {
  const rows: string[] = [];
  for (const [kind, name, ext] of models) {
    const path = join(CORPUS, kind, name + ext);
    if (kind === 'caffe' && !existsSync(join(CORPUS, kind, `${name}.caffemodel`))) continue;
    const m = loadModel(path, { weights: 'load' });
    // batch 1, as ncnn runs (lenet's deploy prototxt declares batch 64)
    const inputShapes = new Map(
      m.graph.inputs
        .filter((v) => !v.data && v.shape?.[0] !== 1)
        .map((v) => [v.name, [1, ...(v.shape!.slice(1) as number[])]]),
    );
    inferShapes(m, { inputShapes });
    const reference = toOnnxBytes(m);
    const base = join(dir, name);
    try {
      exportNcnn(m, `${base}.param`, {});
    } catch (e) {
      if (!(e instanceof ExportBlocked)) throw e;
      assert.not.ok(MUST.includes(name), `${name} must export: ${e.blockers.join('; ')}`);
      assert.not.ok(existsSync(`${base}.param`));
      rows.push(`${name}: refused (${e.blockers[0]})`);
      continue;
    }
    const back = readNcnn(`${base}.param`);
    const src = loadModel(path, { weights: 'load' });
    inferShapes(src, { inputShapes });
    const input = src.graph.inputs.find((v) => !v.data)!;
    const x = randomInput(input.shape as number[], 9);
    const a = await runOrt(reference, { [input.name]: x });
    // the ncnn input is NCHW; a TFLite NHWC input is transposed by the importer's first node
    const bin = back.graph.inputs[0]!;
    const xs = input.shape as number[];
    const feed =
      bin.shape!.join(',') === xs.join(',')
        ? x
        : { ...x, dims: bin.shape as number[], data: nhwcToNchw(x.data as Float32Array, xs) };
    const b = await runOrt(toOnnxBytes(back), { [bin.name]: feed });
    const outName = src.graph.outputs[0]!.name;
    const got = b[outName] ?? b[Object.keys(b)[0]!]!;
    const d = compare(got.data, a[outName]!.data);
    rows.push(`${name}: max rel ${d.maxRel.toExponential(2)}, cosine ${d.cosine.toFixed(7)}`);
    // or 1e-6 absolute, for an output whose whole range is float rounding noise (a saturated sigmoid)
    assert.ok(d.maxRel <= 1e-4 || d.maxAbs <= 1e-6, `${name}: max rel ${d.maxRel} (abs ${d.maxAbs})`);
  }
  console.log(`  ${rows.join('\n  ')}`);
});

function nhwcToNchw(a: Float32Array, [n, h, w, c]: number[]): Float32Array {
  const out = new Float32Array(a.length);
  for (let y = 0; y < h!; y++)
    for (let x = 0; x < w!; x++) for (let k = 0; k < c!; k++) out[(k * h! + y) * w! + x] = a[(y * w! + x) * c! + k]!;
  void n;
  return out;
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
