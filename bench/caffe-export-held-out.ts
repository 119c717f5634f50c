/**
 * Caffe export on PyTorch-style networks that are not samples of this repository: the full-size torchvision
 * architectures of test/fixtures/architectures (seeded weights) and every `*.onnx` in an optional DIR (weights
 * kept in absent external files are seeded too; dynamic input dims become 1×3×S×S, S from --size, 224 default).
 * Each net is exported, run in OpenCV dnn and compared with onnxruntime on the original on all outputs
 * (≤ 1e-4 of each output's range), or refused with its blockers. Usage:
 *   node dist/bench/caffe-export-held-out.js [DIR] [--size S]
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readOnnx } from '../converters/onnx/import.js';
import { Tensor } from '../src/ir/tensor.js';
import { inferShapes } from '../src/shape/infer.js';
import { runRewrites } from '../src/rewrite/engine.js';
import type { Model } from '../src/ir/model.js';
import { ARCHITECTURES } from '../test/fixtures/architectures/index.js';
import { exportAndCompare } from '../test/converters/caffe/caffe-export-run.js';
import { seeded } from '../test/helpers/caffemodel-writer.js';

const TOLERANCE = 1e-4;

/** Weights whose bytes are not at hand (handles to absent files) become seeded U(±√(3/fan-in)); variances positive. */
function seedWeights(m: Model): void {
  let seed = 1;
  const variances = new Set(m.graph.nodes.filter((n) => n.op === 'BatchNormalization').map((n) => n.inputs[4]));
  for (const v of m.graph.values.values()) {
    const t = v.data;
    if (!t || t.dtype !== 'float32') continue;
    try {
      t.bytes();
      continue;
    } catch {
      // not readable: seeded below
    }
    const n = t.count;
    const fanIn = t.dims.length > 1 ? n / t.dims[0]! : 1;
    const bound = Math.sqrt(3 / Math.max(fanIn, 1));
    const data = variances.has(v) ? seeded(n, seed++, 0.5, 1.5) : seeded(n, seed++, -bound, bound);
    v.data = Tensor.fromArray('float32', t.dims, data);
  }
}

/**
 * The fixtures' shorthand ops as PyTorch's exporter writes them: Relu6 → Clip(x, 0, 6) (opset ≥ 11 inputs),
 * Gelu → Div, Erf, Add, Mul (PyTorch exports the erf form below opset 20).
 */
function asPyTorchExport(m: Model): void {
  const g = m.graph;
  const scalar = (base: string, x: number) => {
    const v = g.newValue(base);
    v.dtype = 'float32';
    v.shape = [];
    v.data = Tensor.fromArray('float32', [], Float32Array.of(x));
    return v;
  };
  for (const n of g.nodes.filter((x) => x.op === 'Relu6')) {
    n.op = 'Clip';
    g.setInput(n, 1, scalar('relu6_min', 0));
    g.setInput(n, 2, scalar('relu6_max', 6));
  }
  runRewrites(m, new Set(['decompose-gelu']));
}

function withStaticInput(m: Model, size: number): Model {
  const dynamic = m.graph.inputs.find((v) => !v.data && v.shape?.some((d) => typeof d !== 'number'));
  const dims = dynamic?.shape?.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : size)) as number[];
  inferShapes(m, { inputShapes: dynamic ? new Map([[dynamic.name, dims]]) : undefined });
  return m;
}

async function measure(name: string, build: () => Model, size: number): Promise<boolean> {
  let line: string;
  let ok = false;
  try {
    const m = build();
    seedWeights(m);
    asPyTorchExport(m);
    const r = await exportAndCompare(withStaticInput(m, size), `held-out-${name}`);
    if (!r.written) {
      const reasons = [...new Set(r.blockers.map((b) => b.replace(/^.*?\(([^)]*)\): /, '$1: ')))];
      line = `REFUSED (${r.blockers.length} blockers) ${reasons.slice(0, 4).join(' | ')}`;
    } else {
      const worst = Math.max(...[...r.diffs.values()].map((d) => d.maxRel));
      ok = worst <= TOLERANCE;
      line = `${ok ? 'MATCH' : 'DIFFER'} max rel ${worst.toExponential(2)} (${r.net.layers.length} layers${r.net.warnings.length ? `, ${r.net.warnings.length} warnings` : ''})`;
    }
  } catch (e) {
    line = `FAILED ${(e as Error).message.split('\n')[0]!.slice(0, 200)}`;
  }
  console.log(`${name}: ${line}`);
  return ok;
}

const args = process.argv.slice(2);
const sizeAt = args.indexOf('--size');
const size = sizeAt >= 0 ? Number(args[sizeAt + 1]) : 224;
const dir = args.find((a, i) => !a.startsWith('--') && (sizeAt < 0 || i !== sizeAt + 1));
const nets: { name: string; build: () => Model }[] = [
  ...ARCHITECTURES.map((a) => ({ name: a.name, build: a.build })),
  ...(dir
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.onnx'))
        .sort()
        .map((f) => ({ name: basename(f, '.onnx'), build: () => readOnnx(join(dir, f)) }))
    : []),
];
let matched = 0;
for (const n of nets) if (await measure(n.name, n.build, size)) matched++;
console.log(`exported and matching OpenCV dnn: ${matched}/${nets.length}`);
