/**
 * One Caffe conformance case: a tiny net (prototxt + a caffemodel of seeded blobs), run through import → ONNX →
 * onnxruntime and through a reference (OpenCV dnn on the net, or on an equivalent net of BVLC layers, or an
 * independent implementation in test/helpers/caffe-reference.ts), every output compared within 1e-5 of its range.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaffe } from '../../../converters/caffe/import.js';
import { toOnnxBytes } from '../../../converters/onnx/export.js';
import { runOrt } from '../../helpers/ort.js';
import { runOpenCvCaffeBatch, type F32Tensor, type OpenCvJob } from '../../helpers/opencv-dnn.js';
import { seeded, writeCaffemodel, type BlobSpec } from '../../helpers/caffemodel-writer.js';

export type Tensors = Record<string, F32Tensor>;
export type Blobs = Record<string, BlobSpec[]>;

export interface ConformanceCase {
  name: string;
  /** The layer types the case exercises. */
  covers: string[];
  /** Layers after the inputs; compared outputs are tops named like their layers. */
  net: string;
  inputs: Record<string, number[]>;
  /** Layer name → dims of its blobs (seeded values). */
  blobs?: Record<string, number[][]>;
  /** Blob values other than seeded [-1, 1) (e.g. positive variances): layer → blob index → fill. */
  blobFill?: Record<string, Record<number, (n: number, seed: number) => Float32Array>>;
  outputs: string[];
  /** Input values in [lo, hi). */
  range?: [number, number];
  /** Integer inputs (indices) in [0, n). */
  integerInputs?: Record<string, number>;
  /** The reference: OpenCV on this net (default), OpenCV on an equivalent net, or an independent implementation. */
  opencvNet?: string;
  opencvBlobs?: (blobs: Blobs) => Blobs;
  reference?: (inputs: Tensors, blobs: Blobs) => Tensors;
}

function inputLines(inputs: Record<string, number[]>): string {
  return Object.entries(inputs)
    .map(([n, d]) => `input: "${n}" input_shape { ${d.map((x) => `dim: ${x}`).join(' ')} }`)
    .join('\n');
}

function makeBlobs(c: ConformanceCase): Blobs {
  let seed = 101;
  const out: Blobs = {};
  for (const [layer, list] of Object.entries(c.blobs ?? {}))
    out[layer] = list.map((dims, i) => {
      const n = dims.reduce((a, b) => a * b, 1);
      const fill = c.blobFill?.[layer]?.[i];
      return { dims, data: fill ? fill(n, seed++) : seeded(n, seed++) };
    });
  return out;
}

function makeInputs(c: ConformanceCase): Tensors {
  const [lo, hi] = c.range ?? [-1, 1];
  return Object.fromEntries(
    Object.entries(c.inputs).map(([name, dims], i) => {
      const n = dims.reduce((a, b) => a * b, 1);
      const k = c.integerInputs?.[name];
      const data = k ? seeded(n, 7 + i, 0, k).map(Math.floor) : seeded(n, 7 + i, lo, hi);
      return [name, { dims, data }];
    }),
  );
}

export interface Comparison {
  output: string;
  maxAbs: number;
  range: number;
  dimsEqual: boolean;
}

interface Prepared {
  c: ConformanceCase;
  inputs: Tensors;
  blobs: Blobs;
  proto: string;
  weights: string | null;
  cvJob: OpenCvJob | null;
}

function prepare(c: ConformanceCase, dir: string, k: number): Prepared {
  const blobs = makeBlobs(c);
  const inputs = makeInputs(c);
  const write = (stem: string, net: string, b: Blobs): [string, string | null] => {
    const proto = join(dir, `${stem}${k}.prototxt`);
    writeFileSync(proto, `name: "case"\n${inputLines(c.inputs)}\n${net}\n`);
    if (!Object.keys(b).length) return [proto, null];
    writeCaffemodel(join(dir, `${stem}${k}.caffemodel`), b);
    return [proto, join(dir, `${stem}${k}.caffemodel`)];
  };
  const [proto, weights] = write('net', c.net, blobs);
  let cvJob: OpenCvJob | null = null;
  if (!c.reference) {
    const [cvProto, cvWeights] = write('cv', c.opencvNet ?? c.net, c.opencvBlobs ? c.opencvBlobs(blobs) : blobs);
    cvJob = { prototxt: cvProto, caffemodel: cvWeights, inputs, outputs: c.outputs };
  }
  return { c, inputs, blobs, proto, weights, cvJob };
}

/** Import → ONNX → onnxruntime, fetching the named tops (made graph outputs when a later layer reads them). */
async function runOurs(p: Prepared): Promise<Tensors> {
  const model = readCaffe(p.proto, p.weights ? { weightsPath: p.weights } : {});
  const blobNames = model.extra.blobs as Map<string, string>;
  for (const top of p.c.outputs) {
    const v = model.graph.lookup(blobNames.get(top) ?? top);
    if (v && !model.graph.outputs.includes(v)) model.graph.outputs.push(v);
  }
  const feeds = Object.fromEntries(
    Object.entries(p.inputs).map(([n, t]) => [n, { dtype: 'float32', dims: t.dims, data: t.data }]),
  );
  const names = p.c.outputs.map((t) => blobNames.get(t) ?? t);
  const out = await runOrt(toOnnxBytes(model), feeds, names);
  return Object.fromEntries(
    p.c.outputs.map((t, i) => [t, { dims: out[names[i]!]!.dims, data: out[names[i]!]!.data as Float32Array }]),
  );
}

function compare(name: string, a: F32Tensor, b: F32Tensor): Comparison {
  let maxAbs = a.data.length === b.data.length ? 0 : Infinity,
    lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < b.data.length; i++) {
    lo = Math.min(lo, b.data[i]!);
    hi = Math.max(hi, b.data[i]!);
    if (a.data.length === b.data.length) maxAbs = Math.max(maxAbs, Math.abs(a.data[i]! - b.data[i]!));
  }
  const squeeze = (d: number[]): string => d.filter((x) => x !== 1).join('x');
  return { output: name, maxAbs, range: hi - lo, dimsEqual: squeeze(a.dims) === squeeze(b.dims) };
}

/** Run every case (all OpenCV references in one process); per case its comparisons or the error it raised. */
export async function runCases(cases: ConformanceCase[], useOpenCv: boolean): Promise<(Comparison[] | Error)[]> {
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-caffe-conf-'));
  try {
    const prepared = cases.map((c, k) => prepare(c, dir, k));
    const jobs = prepared.filter((p) => p.cvJob);
    const cvResults = useOpenCv && jobs.length ? runOpenCvCaffeBatch(jobs.map((p) => p.cvJob!)) : [];
    const cvOf = new Map(jobs.map((p, i) => [p, cvResults[i]]));
    const results: (Comparison[] | Error)[] = [];
    for (const p of prepared) {
      try {
        const ref = p.c.reference ? p.c.reference(p.inputs, p.blobs) : cvOf.get(p);
        if (!ref) throw new Error('no reference run');
        if (ref instanceof Error) throw ref;
        const ours = await runOurs(p);
        results.push(p.c.outputs.map((n) => compare(n, ours[n]!, ref[n]!)));
      } catch (e) {
        results.push(e as Error);
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Within 1e-5 of the output's range (an output of one value: of its magnitude, at least 1e-6). */
export function withinTolerance(r: Comparison): boolean {
  return r.dimsEqual && r.maxAbs <= 1e-5 * Math.max(r.range, 1e-1);
}
