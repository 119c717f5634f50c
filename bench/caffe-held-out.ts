/**
 * Held-out Caffe deploy nets (public prototxts kept outside the repository): how many import, how many import
 * with a caffemodel of seeded weights written for their blob dims, and how many match OpenCV dnn on all outputs
 * (≤ 1e-5 of each output's range). Usage: node dist/bench/caffe-held-out.js DIR (a `<net>.shapes` file beside a
 * prototxt, `blob=1,3,360,480` per line, gives input dims a data layer does not state).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readCaffe } from '../converters/caffe/import.js';
import { parseTextProto } from '../converters/caffe/prototxt-parser.js';
import { toOnnxBytes } from '../converters/onnx/export.js';
import { importWarnings } from '../src/ir/import-warning.js';
import type { Model } from '../src/ir/model.js';
import { runOrt } from '../test/helpers/ort.js';
import { runOpenCvCaffeBatch, type F32Tensor } from '../test/helpers/opencv-dnn.js';
import { seeded, writeCaffemodel, type BlobSpec } from '../test/helpers/caffemodel-writer.js';

function shapesFor(proto: string): Map<string, number[]> {
  const f = proto.replace(/\.prototxt$/, '.shapes');
  if (!existsSync(f)) return new Map();
  return new Map(
    readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, dims] = line.split('=');
        return [name!.trim(), dims!.split(',').map(Number)];
      }),
  );
}

/** Seeded blobs for every weight the import asked for, scaled by 1/sqrt(fan-in); variances positive. */
function seededBlobs(m: Model): Record<string, BlobSpec[]> {
  const out: Record<string, BlobSpec[]> = {};
  let seed = 1;
  for (const v of m.graph.values.values()) {
    const at = v.meta.caffeBlob as { layer: string; index: number } | undefined;
    if (!at || !v.shape) continue;
    const dims = v.shape as number[];
    const n = dims.reduce((a, b) => a * b, 1);
    const fanIn = dims.length > 1 ? n / dims[0]! : 1;
    const bound = Math.sqrt(3 / fanIn);
    const data = /variance|var$/.test(v.name) ? seeded(n, seed++, 0.5, 1.5) : seeded(n, seed++, -bound, bound);
    (out[at.layer] ??= [])[at.index] = { dims, data };
  }
  for (const [layer, list] of Object.entries(out))
    out[layer] = Array.from(list, (b) => b ?? { dims: [1], data: Float32Array.of(1) });
  return out;
}

/** Graph output → the layer that produced its blob last (OpenCV names outputs by layer). */
function producerLayers(proto: string, m: Model): Map<string, string> {
  const owner = new Map<string, string>();
  const net = parseTextProto(readFileSync(proto, 'utf8'), proto);
  for (const l of [...net.msgs('layer'), ...net.msgs('layers')])
    for (const t of l.strs('top')) owner.set(t, l.str('name')!);
  const blobOf = new Map([...(m.extra.blobs as Map<string, string>)].map(([blob, value]) => [value, blob]));
  return new Map(m.graph.outputs.map((v) => [v.name, owner.get(blobOf.get(v.name) ?? v.name) ?? v.name]));
}

/**
 * OpenCV 4.6 reads a layer of type Axpy but does not compute SENet's a·x + y (on a = [2, 3], x = 0…7, y = 1 it
 * returns x + a): for OpenCV the Axpy layers are rewritten as the equivalent Flatten + Scale(axis 0) + Eltwise SUM.
 */
function openCvPrototxt(proto: string, dir: string): string {
  const text = readFileSync(proto, 'utf8');
  if (!/type:\s*"Axpy"/.test(text)) return proto;
  const out = text.replace(/layer\s*\{[^{}]*type:\s*"Axpy"[^{}]*\}/g, (block) => {
    const name = /name:\s*"([^"]+)"/.exec(block)![1]!;
    const [a, x, y] = [...block.matchAll(/bottom:\s*"([^"]+)"/g)].map((m) => m[1]!);
    const top = /top:\s*"([^"]+)"/.exec(block)![1]!;
    return `layer { name: "${name}/flat" type: "Flatten" bottom: "${a}" top: "${name}/flat" }
layer { name: "${name}/scale" type: "Scale" bottom: "${x}" bottom: "${name}/flat" top: "${name}/scale" scale_param { axis: 0 } }
layer { name: "${name}" type: "Eltwise" bottom: "${name}/scale" bottom: "${y}" top: "${top}" }`;
  });
  const file = join(dir, `${basename(proto, '.prototxt')}.opencv.prototxt`);
  writeFileSync(file, out);
  return file;
}

async function measure(proto: string, dir: string): Promise<string> {
  const inputShapes = shapesFor(proto);
  let m: Model;
  try {
    m = readCaffe(proto, { weights: 'none', inputShapes });
  } catch (e) {
    return `import FAILED: ${(e as Error).message}`;
  }
  const warnings = importWarnings(m);
  const stops = warnings.filter((w) => w.id === 'caffe/shape-stops').map((w) => w.layer);
  const weights = join(dir, `${basename(proto, '.prototxt')}.caffemodel`);
  writeCaffemodel(weights, seededBlobs(m));
  let mw: Model;
  try {
    mw = readCaffe(proto, { weightsPath: weights, inputShapes });
  } catch (e) {
    return `imports; with seeded weights FAILED: ${(e as Error).message}`;
  }
  const head = `imports (+ seeded weights); ${warnings.length} warnings${stops.length ? `, shapes stop at ${stops.join(', ')}` : ''}`;
  const foreign = mw.graph.nodes.filter((n) => n.domain === 'caffe').map((n) => n.op);
  if (foreign.length) return `${head}; foreign ${[...new Set(foreign)].join(', ')}: not run`;
  const inputs: Record<string, F32Tensor> = {};
  for (const v of mw.graph.inputs) {
    const dims = v.shape as number[];
    inputs[v.name] = {
      dims,
      data: seeded(
        dims.reduce((a, b) => a * b, 1),
        9,
        -1,
        1,
      ),
    };
  }
  const layers = producerLayers(proto, mw);
  const names = mw.graph.outputs.map((v) => v.name);
  const cv = runOpenCvCaffeBatch([
    { prototxt: openCvPrototxt(proto, dir), caffemodel: weights, inputs, outputs: names.map((n) => layers.get(n)!) },
  ])[0]!;
  if (cv instanceof Error) return `${head}; OpenCV: ${cv.message.slice(0, 120)}`;
  const feeds = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, { dtype: 'float32', ...t }]));
  let ours;
  try {
    ours = await runOrt(toOnnxBytes(mw), feeds, names);
  } catch (e) {
    return `${head}; onnxruntime FAILED: ${(e as Error).message.slice(0, 160)}`;
  }
  const parts = names.map((n) => {
    const a = ours[n]!.data as Float32Array,
      b = cv[layers.get(n)!]!.data;
    if (a.length !== b.length) return { n, ok: false, text: `${n}: ${a.length} vs ${b.length} values` };
    let maxAbs = 0,
      lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < b.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(a[i]! - b[i]!));
      lo = Math.min(lo, b[i]!);
      hi = Math.max(hi, b[i]!);
    }
    const rel = maxAbs / Math.max(hi - lo, 1e-30);
    return { n, ok: rel <= 1e-5, text: `${n} rel ${rel.toExponential(1)}` };
  });
  return `${head}; ${parts.every((p) => p.ok) ? 'MATCH' : 'DIFFER'} OpenCV (${parts.map((p) => p.text).join('; ')})`;
}

const root = process.argv[2];
if (!root) throw new Error('usage: node dist/bench/caffe-held-out.js DIR');
const tmp = mkdtempSync(join(tmpdir(), 'convcheck-held-out-'));
try {
  for (const f of readdirSync(root)
    .filter((x) => x.endsWith('.prototxt'))
    .sort())
    console.log(`${f}: ${await measure(join(root, f), tmp)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
