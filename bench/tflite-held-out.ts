/**
 * Held-out TFLite models (public .tflite files kept outside the repository): how many import, how many import
 * with every builtin mapped (no foreign builtin; custom ops listed apart), and, where LiteRT.js runs the model
 * (graph inputs and outputs float32/int32/uint8, no variable tensors, no foreign op on the ONNX side), how many
 * match it on all outputs with seeded inputs: float ≤ 1e-4 of each output's range, uint8 within 1, int32 exact
 * (outputs that are graph inputs passed through are not compared: LiteRT.js returns no readable data for them).
 * Usage: node dist/bench/tflite-held-out.js DIR
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readTfliteModel } from '../converters/tflite/import.js';
import { toOnnxBytes } from '../converters/onnx/export.js';
import { compareTensors } from '../src/verify/compare.js';
import { seeded } from '../src/ir/text.js';
import type { Model } from '../src/ir/model.js';
import type { Value } from '../src/ir/value.js';
import type { EntryPointSummary } from '../src/ir/summary.js';
import { runOrt, type HostTensor } from '../test/helpers/ort.js';
import { runLiteRt } from '../test/helpers/litert.js';

const RUNTIME_TYPES = new Set(['float32', 'int32', 'uint8']);

interface Verdict {
  file: string;
  imported: boolean;
  foreignBuiltins: string[];
  customOps: string[];
  reference: 'matched' | 'differs' | 'none';
  detail: string;
}

function tfliteFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? tfliteFiles(join(dir, n)) : [join(dir, n)]))
    .filter((f) => f.endsWith('.tflite'))
    .sort();
}

function feed(dtype: string, dims: number[], seed: number): HostTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const r = seeded(seed);
  if (dtype === 'float32') return { dtype, dims, data: Float32Array.from({ length: n }, () => 2 * r() - 1) };
  if (dtype === 'uint8') return { dtype, dims, data: Uint8Array.from({ length: n }, () => Math.floor(256 * r())) };
  return { dtype: 'int32', dims, data: Int32Array.from({ length: n }, () => Math.floor(4 * r())) };
}

/** Why LiteRT.js cannot give a reference for this import, or null. */
function noReference(m: Model, foreign: string[]): string | null {
  if (foreign.length) return `foreign ops: ${[...new Set(foreign)].join(', ')}`;
  const io = [...m.graph.inputs, ...m.graph.outputs];
  const odd = io.find((v) => !RUNTIME_TYPES.has(v.dtype ?? ''));
  if (odd) return `${odd.dtype} graph input/output (LiteRT.js takes float32, int32, uint8)`;
  return null;
}

/**
 * LiteRT.js takes the inputs in the subgraph's order and names its outputs by the selected signature (in the
 * subgraph's order too): the graph output of a LiteRT output, by its signature name, else by index.
 */
function outputFinder(m: Model): (name: string, k: number) => Value {
  const sig = (m.extra.signatures as EntryPointSummary[] | undefined)?.find((s) => s.selected);
  return (name, k) => {
    const tensor = sig?.outputs.find((o) => o.name === name)?.tensor;
    return m.graph.outputs.find((v) => v.name === tensor) ?? m.graph.outputs[k]!;
  };
}

async function compareWithLiteRt(file: string, m: Model): Promise<[Verdict['reference'], string]> {
  // a dynamic dim is fed as 1
  const dimsOf = (dims: readonly unknown[]): number[] => dims.map((d) => (typeof d === 'number' ? d : 1));
  const feeds = m.graph.inputs.map((v, k) => feed(v.dtype!, dimsOf(v.shape ?? []), 101 + k));
  const outputOf = outputFinder(m);
  let lite;
  try {
    lite = await runLiteRt(
      file,
      feeds.map((f) => ({ data: f.data as Float32Array, shape: f.dims })),
    );
  } catch (e) {
    return ['none', `LiteRT.js refuses it: ${String((e as Error).message ?? e).split('\n')[0]}`];
  }
  let ours: Record<string, HostTensor>;
  try {
    ours = await runOrt(toOnnxBytes(m), Object.fromEntries(m.graph.inputs.map((v, k) => [v.name, feeds[k]!])));
  } catch (e) {
    return ['differs', `onnxruntime refuses the import: ${String((e as Error).message ?? e).split('\n')[0]}`];
  }
  const worst: string[] = [];
  let ok = true;
  lite.forEach((want, k) => {
    const v = outputOf(want.name, k);
    // LiteRT.js returns no readable data for an output that is a graph input itself (a pass-through)
    if (m.graph.inputs.includes(v)) return;
    const got = ours[v.name]!;
    const c = compareTensors({ data: got.data as ArrayLike<number> }, { data: want.data as ArrayLike<number> });
    const bound = v.dtype === 'float32' ? c.maxRel <= 1e-4 : v.dtype === 'uint8' ? c.maxAbs <= 1 : c.maxAbs === 0;
    const same = got.data.length === want.data.length && bound;
    ok &&= same;
    worst.push(`${v.name}: max abs ${c.maxAbs.toExponential(2)}, rel ${c.maxRel.toExponential(2)}`);
  });
  if (!worst.length) return ['none', 'every output is a graph input passed through'];
  return [ok ? 'matched' : 'differs', worst.join('; ')];
}

async function measure(file: string): Promise<Verdict> {
  const v: Verdict = {
    file: basename(file),
    imported: false,
    foreignBuiltins: [],
    customOps: [],
    reference: 'none',
    detail: '',
  };
  let m: Model;
  try {
    m = readTfliteModel(file);
  } catch (e) {
    v.detail = `import fails: ${String((e as Error).message ?? e).split('\n')[0]}`;
    return v;
  }
  v.imported = true;
  const foreign = m.graph.nodes.filter((n) => n.domain === 'tflite').map((n) => n.op);
  v.customOps = [...new Set(foreign.filter((o) => o.startsWith('Custom:')))];
  v.foreignBuiltins = [...new Set(foreign.filter((o) => !o.startsWith('Custom:')))];
  const why = noReference(m, foreign);
  if (why) {
    v.detail = `no reference: ${why}`;
    return v;
  }
  [v.reference, v.detail] = await compareWithLiteRt(file, m);
  return v;
}

const root = process.argv[2];
if (!root) throw new Error('usage: node dist/bench/tflite-held-out.js DIR');
const verdicts: Verdict[] = [];
for (const f of tfliteFiles(root)) {
  const v = await measure(f);
  verdicts.push(v);
  const state = !v.imported ? 'FAIL' : v.foreignBuiltins.length ? 'PART' : 'OK  ';
  process.stdout.write(`${state} ${v.reference.padEnd(7)} ${v.file}  ${v.detail}\n`);
}
const imported = verdicts.filter((v) => v.imported).length;
const mapped = verdicts.filter((v) => v.imported && !v.foreignBuiltins.length).length;
const withRef = verdicts.filter((v) => v.reference !== 'none');
const matched = withRef.filter((v) => v.reference === 'matched').length;
const pct = (a: number, b: number): string => (b ? ((100 * a) / b).toFixed(1) : '-');
const leftForeign = [...new Set(verdicts.flatMap((v) => v.foreignBuiltins))].sort();
process.stdout.write(
  `\n${verdicts.length} models: ${imported} import (${pct(imported, verdicts.length)} %), ` +
    `${mapped} with every builtin mapped (${pct(mapped, verdicts.length)} %); ` +
    `${withRef.length} run in LiteRT.js, ${matched} match it (${pct(matched, withRef.length)} %)\n` +
    `builtins left foreign: ${leftForeign.join(', ') || 'none'}\n`,
);
