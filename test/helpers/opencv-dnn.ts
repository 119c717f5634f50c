import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYTHON } from './onnx-checker.js';
import type { Prereq } from './prereq.js';

/** OpenCV's dnn module (Debian's python3-opencv) as the reference runtime for Caffe models. */
export const OPENCV: Prereq = {
  name: 'python3-opencv',
  ok: spawnSync(PYTHON, ['-c', 'import cv2, numpy'], { stdio: 'ignore' }).status === 0,
  install: 'apt-get install python3-opencv',
};

export interface F32Tensor {
  dims: number[];
  data: Float32Array;
}

const SCRIPT = `
import sys, json, numpy as np, cv2
job = json.load(open(sys.argv[1]))
net = cv2.dnn.readNetFromCaffe(job['prototxt'], job['caffemodel']) if job['caffemodel'] else cv2.dnn.readNetFromCaffe(job['prototxt'])
net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
for i, inp in enumerate(job['inputs']):
    a = np.fromfile(inp['file'], dtype=np.float32).reshape(inp['dims'])
    net.setInput(a, inp['name'])
names = job['outputs'] or net.getUnconnectedOutLayersNames()
outs = net.forward(list(names))
res = []
for i, (n, o) in enumerate(zip(names, outs)):
    o = np.ascontiguousarray(o, dtype=np.float32)
    f = job['dir'] + '/out%d.f32' % i
    o.tofile(f)
    res.append({'name': n, 'dims': list(o.shape), 'file': f})
print(json.dumps(res))
`;

/**
 * Run a Caffe model in OpenCV dnn (CPU, reference backend) and return the named outputs (layer names as OpenCV
 * resolves them; default: its unconnected outputs). Throws with OpenCV's message when it cannot load or run.
 */
export function runOpenCvCaffe(
  prototxt: string,
  caffemodel: string | null,
  inputs: Record<string, F32Tensor>,
  outputs: string[] = [],
): Record<string, F32Tensor> {
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-cv-'));
  try {
    const inputList = Object.entries(inputs).map(([name, t], i) => {
      const file = join(dir, `in${i}.f32`);
      writeFileSync(file, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      return { name, dims: t.dims, file };
    });
    const jobFile = join(dir, 'job.json');
    writeFileSync(jobFile, JSON.stringify({ prototxt, caffemodel, inputs: inputList, outputs, dir }));
    const r = spawnSync(PYTHON, ['-c', SCRIPT, jobFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0)
      throw new Error(`OpenCV dnn failed: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}`);
    const result: Record<string, F32Tensor> = {};
    for (const o of JSON.parse(r.stdout) as { name: string; dims: number[]; file: string }[]) {
      const bytes = readFileSync(o.file);
      result[o.name] = {
        dims: o.dims,
        data: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice(),
      };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface OpenCvJob {
  prototxt: string;
  caffemodel: string | null;
  inputs: Record<string, F32Tensor>;
  outputs: string[];
}

const BATCH_SCRIPT = `
import sys, json, numpy as np, cv2
jobs = json.load(open(sys.argv[1]))
res = []
for j, job in enumerate(jobs):
    try:
        net = cv2.dnn.readNetFromCaffe(job['prototxt'], job['caffemodel']) if job['caffemodel'] else cv2.dnn.readNetFromCaffe(job['prototxt'])
        net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
        net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
        for inp in job['inputs']:
            net.setInput(np.fromfile(inp['file'], dtype=np.float32).reshape(inp['dims']), inp['name'])
        outs = net.forward(list(job['outputs']))
        one = []
        for i, (n, o) in enumerate(zip(job['outputs'], outs)):
            f = job['dir'] + '/cv%d_%d.f32' % (j, i)
            np.ascontiguousarray(o, dtype=np.float32).tofile(f)
            one.append({'name': n, 'dims': list(o.shape), 'file': f})
        res.append({'outputs': one})
    except Exception as e:
        res.append({'error': str(e).strip().split('\\n')[-1]})
print(json.dumps(res))
`;

/**
 * Run several Caffe nets in one OpenCV process (loading cv2 once): per job its outputs, or an Error with OpenCV's
 * message when that net cannot load or run.
 */
export function runOpenCvCaffeBatch(jobs: OpenCvJob[]): (Record<string, F32Tensor> | Error)[] {
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-cv-'));
  try {
    const list = jobs.map((job, j) => ({
      prototxt: job.prototxt,
      caffemodel: job.caffemodel,
      outputs: job.outputs,
      dir,
      inputs: Object.entries(job.inputs).map(([name, t], i) => {
        const file = join(dir, `in${j}_${i}.f32`);
        writeFileSync(file, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
        return { name, dims: t.dims, file };
      }),
    }));
    const jobFile = join(dir, 'jobs.json');
    writeFileSync(jobFile, JSON.stringify(list));
    const r = spawnSync(PYTHON, ['-c', BATCH_SCRIPT, jobFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0)
      throw new Error(`OpenCV dnn failed: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}`);
    const parsed = JSON.parse(r.stdout) as (
      { outputs: { name: string; dims: number[]; file: string }[] } | { error: string }
    )[];
    return parsed.map((p) => {
      if ('error' in p) return new Error(`OpenCV dnn failed: ${p.error}`);
      const result: Record<string, F32Tensor> = {};
      for (const o of p.outputs) {
        const bytes = readFileSync(o.file);
        result[o.name] = {
          dims: o.dims,
          data: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice(),
        };
      }
      return result;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
