/**
 * Test side of the Caffe export: export a model, run the Caffe files in OpenCV dnn and the original in
 * onnxruntime on the same seeded inputs, and compare every output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Model } from '../../../src/ir/model.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { writeCaffeFiles } from '../../../converters/caffe/export/index.js';
import { readCaffe } from '../../../converters/caffe/import.js';
import { prepareCaffe } from '../../../src/cli/export-pipeline/caffe.js';
import type { CaffeFlavor } from '../../../converters/caffe/export/write-context.js';
import type { CaffeNet } from '../../../converters/caffe/export/to-caffe-layers.js';
import { compare, randomInput, runOrt, type Diff, type HostTensor } from '../../helpers/ort.js';
import { runOpenCvCaffe, type F32Tensor } from '../../helpers/opencv-dnn.js';

export const exportDir = mkdtempSync(join(tmpdir(), 'convcheck-caffe-export-'));

export type ExportOutcome =
  | {
      written: true;
      files: string[];
      net: CaffeNet;
      diffs: Map<string, Diff>;
      inputs: Record<string, F32Tensor>;
      expected: Record<string, HostTensor>;
    }
  | { written: false; blockers: string[] };

/** The OpenCV name of a top: the layer writing it (OpenCV addresses outputs by layer). */
function layerOfTop(net: CaffeNet, top: string): string {
  const l = net.layers.find((x) => x.tops.includes(top));
  if (!l) throw new Error(`no layer writes top ${top}`);
  if (l.tops[0] !== top) throw new Error(`top ${top} is not the first of layer ${l.name}: OpenCV cannot fetch it`);
  return l.name;
}

/** Export `model` (its shapes inferred) as `name`, and compare OpenCV's outputs with onnxruntime's on the original. */
export async function exportAndCompare(
  model: Model,
  name: string,
  options: {
    flavor?: CaffeFlavor;
    seed?: number;
    run?: (
      prototxt: string,
      caffemodel: string,
      inputs: Record<string, F32Tensor>,
      outputs: string[],
    ) => Record<string, F32Tensor>;
  } = {},
): Promise<ExportOutcome> {
  const original = toOnnxBytes(model);
  const inputs: Record<string, F32Tensor> = {};
  for (const v of model.graph.inputs.filter((x) => !x.data)) {
    const dims = v.shape as number[];
    inputs[v.name] = { dims, data: randomInput(dims, options.seed ?? 3).data as Float32Array };
  }
  let prepared;
  try {
    prepared = prepareCaffe(model, options.flavor ?? 'caffe');
  } catch (e) {
    if (e instanceof ExportBlocked) return { written: false, blockers: e.blockers };
    throw e;
  }
  const { net } = prepared;
  const files = writeCaffeFiles(net, join(exportDir, `${name}.prototxt`), []);
  const feeds = Object.fromEntries(
    Object.entries(inputs).map(([k, t]) => [k, { dtype: 'float32', dims: t.dims, data: t.data }]),
  );
  const expected = await runOrt(original, feeds);
  const outNames = [...net.outputs.values()].map((t) => layerOfTop(net, t));
  const run = options.run ?? runOpenCvCaffe;
  const got = run(files[0]!, files[1]!, inputs, outNames);
  const diffs = new Map<string, Diff>();
  [...net.outputs.keys()].forEach((v, i) => {
    const g = got[outNames[i]!];
    const e = expected[v]!;
    diffs.set(v, compare(g?.data ?? [], e.data));
  });
  return { written: true, files, net, diffs, inputs, expected };
}

/**
 * The round trip of a written export: convcheck's Caffe importer reads the files back, onnxruntime runs that on the
 * same inputs, and each output is compared with onnxruntime's on the original (per graph output).
 */
export async function readBackDiffs(r: Extract<ExportOutcome, { written: true }>): Promise<Map<string, Diff>> {
  const back = readCaffe(r.files[0]!);
  const feeds = Object.fromEntries(
    Object.entries(r.inputs).map(([k, t]) => [k, { dtype: 'float32', dims: t.dims, data: t.data }]),
  );
  const again = await runOrt(back, feeds);
  const diffs = new Map<string, Diff>();
  for (const [value, top] of r.net.outputs) diffs.set(value, compare(again[top]!.data, r.expected[value]!.data));
  return diffs;
}
