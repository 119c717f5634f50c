/**
 * The Caffe exporter over the ONNX backend suite's node models: each model is exported in-process (what
 * `convert --to caffe` does), every written net is run in OpenCV dnn (one process for all) on the suite's own
 * inputs and compared with the suite's expected outputs. A model is written-and-equal, refused (every blocker
 * naming its rule id), rejected by the importer as bad input, or wrong (a crash, an unnamed blocker, a net
 * OpenCV cannot run, or an output that differs).
 */
import { join } from 'node:path';
import { loadModel } from '../../../converters/index.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { writeCaffeFiles } from '../../../converters/caffe/export/index.js';
import { prepareCaffe } from '../../../src/cli/export-pipeline/caffe.js';
import type { CaffeFlavor, CaffeLayer } from '../../../converters/caffe/export/write-context.js';
import type { CaffeNet } from '../../../converters/caffe/export/to-caffe-layers.js';
import { isCaffeExportRule } from '../../../converters/caffe/export/refusal-rules.js';
import { InputError } from '../../../src/io/input-error.js';
import { prepareModel } from '../../../src/cli/prepare-model.js';
import { dataFiles, type SuiteCase } from '../../helpers/onnx-testdata.js';
import { compare as compareTensors, readTensorPb, type HostTensor } from '../../helpers/ort.js';
import { runOpenCvCaffeBatch, type F32Tensor, type OpenCvJob } from '../../helpers/opencv-dnn.js';
import { exportDir } from './caffe-export-run.js';

/** Written nets must equal the suite's expected outputs within 1e-4 of the output's range (or 1e-5 absolute). */
export const NODE_SUITE_TOLERANCE = { rtol: 1e-4, atol: 1e-5 };

export interface NodeSuiteTally {
  models: number;
  written: number;
  equal: number;
  refused: number;
  unreadable: number;
  /** `name: what is wrong`. */
  wrong: string[];
  /** Rule id → models refused with it. */
  refusals: Map<string, number>;
}

/** The rule id a blocker names (`… [caffe/op-unsupported]`), or null. */
export const blockerRuleId = (blocker: string): string | null =>
  blocker.match(/\[([a-z0-9-]+\/[^\]]+)\]$/)?.[1] ?? null;

interface Pending {
  name: string;
  job: OpenCvJob;
  /** OpenCV layer name per expected output, with the expected tensor. */
  expected: { layer: string; tensor: HostTensor }[];
}

const asF32 = (t: HostTensor): F32Tensor => ({
  dims: t.dims,
  data: t.data instanceof Float32Array ? t.data : Float32Array.from(t.data as ArrayLike<number>, Number),
});
const numeric = (t: HostTensor): number[] => Array.from(t.data as ArrayLike<number | bigint | boolean>, Number);

/**
 * OpenCV's Python binding turns a 3-D array into a 2-D multi-channel Mat and a 1-D one into a column, so a net
 * with such an input cannot be fed from Python. The copy run in OpenCV takes a 4-D blob (trailing 1s) and reshapes
 * it to the written input's dims with a Reshape layer in front; the written layers are unchanged.
 */
const FED_RANK: Record<number, boolean> = { 1: true, 3: true };
const fedDims = (dims: number[]): number[] => [...dims, 1, 1, 1].slice(0, 4);

function feedableInOpenCv(net: CaffeNet): CaffeNet {
  const layers = net.layers.flatMap((l): CaffeLayer[] => {
    const dims = (l.params.input_param as { shape?: { dim?: number[] } } | undefined)?.shape?.dim;
    if (l.type !== 'Input' || !dims || !FED_RANK[dims.length]) return [l];
    const fed = `${l.tops[0]}_fed`;
    return [
      { ...l, name: fed, tops: [fed], params: { input_param: { shape: { dim: fedDims(dims) } } } },
      { ...l, type: 'Reshape', bottoms: [fed], params: { reshape_param: { shape: { dim: dims } } } },
    ];
  });
  return { ...net, layers };
}

/** Export one case; a refusal or a problem is recorded in `tally`, a written net is returned for OpenCV. */
function exportCase(c: SuiteCase, tally: NodeSuiteTally, flavor: CaffeFlavor): Pending | null {
  const name = `node/${c.name}`;
  const dataSet = c.dataSets[0];
  if (!dataSet) {
    tally.unreadable++;
    return null;
  }
  let model;
  try {
    model = prepareModel(loadModel(c.model, { weights: 'load' }));
  } catch (e) {
    if (e instanceof InputError) {
      tally.unreadable++;
      return null;
    }
    tally.wrong.push(`${name}: the import crashed: ${(e as Error).message}`);
    return null;
  }
  const graphInputs = model.graph.inputs.filter((v) => !v.data);
  const outputNames = model.graph.outputs.map((v) => v.name);
  let prepared;
  try {
    prepared = prepareCaffe(model, flavor);
  } catch (e) {
    if (!(e instanceof ExportBlocked)) {
      tally.wrong.push(`${name}: the export crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ')}`);
      return null;
    }
    const ids = e.blockers.map(blockerRuleId);
    const unnamed = e.blockers.filter((b, i) => !ids[i] || !isCaffeExportRule(ids[i]!));
    if (unnamed.length) tally.wrong.push(`${name}: blockers naming no rule: ${unnamed.join('; ')}`);
    else {
      tally.refused++;
      for (const id of new Set(ids as string[])) tally.refusals.set(id, (tally.refusals.get(id) ?? 0) + 1);
    }
    return null;
  }
  const { net } = prepared;
  writeCaffeFiles(net, join(exportDir, 'node-suite', `${c.name}.prototxt`), []);
  const files = writeCaffeFiles(feedableInOpenCv(net), join(exportDir, 'node-suite', `${c.name}-fed.prototxt`), []);
  const inputs: Record<string, F32Tensor> = {};
  dataFiles(dataSet, 'input').forEach((f, i) => {
    const v = graphInputs[i];
    if (!v) return;
    const t = asF32(readTensorPb(f));
    if (FED_RANK[t.dims.length]) inputs[`${v.name}_fed`] = { dims: fedDims(t.dims), data: t.data };
    else inputs[v.name] = t;
  });
  const expected = dataFiles(dataSet, 'output').map((f, i) => {
    const top = net.outputs.get(outputNames[i]!)!;
    const layer = net.layers.find((l) => l.tops.includes(top));
    // OpenCV 4.6's Caffe reader names a Convolution layer after its top
    return { layer: !layer || layer.type === 'Convolution' ? top : layer.name, tensor: readTensorPb(f) };
  });
  tally.written++;
  return {
    name,
    expected,
    job: { prototxt: files[0]!, caffemodel: files[1]!, inputs, outputs: expected.map((x) => x.layer) },
  };
}

/**
 * Export every case, run the written nets in OpenCV, and count. `compare: false` only exports (for the NNIE
 * flavour, whose Upsample/PassThrough/Interp layers OpenCV lacks): written, refused by rule, or wrong (a crash).
 */
export function runNodeSuite(cases: SuiteCase[], flavor: CaffeFlavor = 'caffe', compare = true): NodeSuiteTally {
  const tally: NodeSuiteTally = {
    models: cases.length,
    written: 0,
    equal: 0,
    refused: 0,
    unreadable: 0,
    wrong: [],
    refusals: new Map(),
  };
  const pending = cases.map((c) => exportCase(c, tally, flavor)).filter((p): p is Pending => p !== null);
  if (!compare) return tally;
  const BATCH = 64;
  for (let i = 0; i < pending.length; i += BATCH) {
    const part = pending.slice(i, i + BATCH);
    const results = runOpenCvCaffeBatch(part.map((p) => p.job));
    part.forEach((p, j) => {
      const got = results[j]!;
      if (got instanceof Error) return void tally.wrong.push(`${p.name}: ${got.message}`);
      const bad = p.expected
        .map(({ layer, tensor }) => {
          const out = got[layer];
          if (!out) return `output ${layer} missing`;
          const d = compareTensors(out.data, numeric(tensor), NODE_SUITE_TOLERANCE);
          return d.ok ? null : `output ${layer}: ${d.problem ?? `max abs ${d.maxAbs}, max rel ${d.maxRel}`}`;
        })
        .filter((x): x is string => x !== null);
      if (bad.length) tally.wrong.push(`${p.name}: ${bad.join('; ')}`);
      else tally.equal++;
    });
  }
  return tally;
}
