/**
 * Op conformance for the TFLite importer: a small model built with tflite-builder runs in LiteRT.js and,
 * imported and exported to ONNX, in onnxruntime on the same seeded inputs; outputs are compared with the
 * project's verification statistics (src/verify). Float outputs must agree within 1e-5 of the output's
 * range; outputs that are DEQUANTIZEd from a quantized tensor within one quantization step.
 *
 * LiteRT.js takes and returns only float32, int32 and uint8 tensors, so the model's interface is adapted
 * first: a quantized graph input becomes float32 → QUANTIZE, a quantized output → DEQUANTIZE → float32 (the
 * op itself then runs its quantized kernel); BOOL/INT64/INT16 inputs and outputs go through CAST from/to int32.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTfliteModel } from '../../converters/tflite/import.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { compareTensors } from '../../src/verify/compare.js';
import { seeded } from '../../src/ir/text.js';
import { runOrt, type HostTensor } from './ort.js';
import { runLiteRt } from './litert.js';
import { buildTflite, type TflModelSpec, type TflTensorSpec } from './tflite-builder.js';

const RUNTIME_TYPES = new Set(['FLOAT32', 'INT32', 'UINT8']);
const QUANT_TYPES = new Set(['INT8', 'UINT8', 'INT16']);

const isQuantized = (t: TflTensorSpec): boolean => !!t.quant && QUANT_TYPES.has(t.type);

/** The spec with an interface LiteRT.js accepts (see the file comment); the op's own tensors unchanged. */
export function adaptInterface(spec: TflModelSpec): TflModelSpec {
  const tensors = [...spec.tensors],
    operators = [...spec.operators];
  const add = (t: TflTensorSpec): number => tensors.push(t) - 1;
  const inputs = spec.inputs.map((i) => {
    const t = spec.tensors[i]!;
    if (isQuantized(t)) {
      const f = add({ name: `${t.name ?? i}_float`, type: 'FLOAT32', shape: t.shape });
      operators.unshift({ op: 'QUANTIZE', inputs: [f], outputs: [i] });
      return f;
    }
    if (RUNTIME_TYPES.has(t.type)) return i;
    const f = add({ name: `${t.name ?? i}_int32`, type: 'INT32', shape: t.shape });
    operators.unshift({
      op: 'CAST',
      inputs: [f],
      outputs: [i],
      options: { in_data_type: 'INT32', out_data_type: t.type },
    });
    return f;
  });
  const outputs = spec.outputs.map((out) => {
    const i = anchored(spec, out, tensors, operators, inputs);
    const t = tensors[i]!;
    if (isQuantized(t)) {
      const f = add({ name: `${t.name ?? i}_float`, type: 'FLOAT32', shape: t.shape });
      operators.push({ op: 'DEQUANTIZE', inputs: [i], outputs: [f] });
      return f;
    }
    if (RUNTIME_TYPES.has(t.type)) return i;
    const f = add({ name: `${t.name ?? i}_int32`, type: 'INT32', shape: t.shape });
    operators.push({
      op: 'CAST',
      inputs: [i],
      outputs: [f],
      options: { in_data_type: t.type, out_data_type: 'INT32' },
    });
    return f;
  });
  return { ...spec, tensors, operators, inputs, outputs };
}

/**
 * Ops whose output LiteRT.js does not return (read back as garbage): outputs TFLite computes while preparing
 * the model (SHAPE, RANK, ops of constants only) and dynamically sized outputs (UNIQUE).
 */
const PREPARE_TIME = new Set(['SHAPE', 'RANK', 'UNIQUE', 'SEGMENT_SUM']);
/** Name suffix of the all-zeros inputs `anchored` adds. */
const ZERO_SUFFIX = '_anchor_zero';

/**
 * LiteRT.js returns garbage for some outputs (see PREPARE_TIME). Such an output is routed through ADD with an extra all-zeros graph input, so the runtime
 * computes it at run time; x + 0 = x exactly.
 */
function anchored(
  spec: TflModelSpec,
  out: number,
  tensors: TflTensorSpec[],
  operators: TflModelSpec['operators'],
  inputs: number[],
): number {
  const producer = spec.operators.find((o) => o.outputs.includes(out));
  const constOnly = producer?.inputs.every((i) => i < 0 || spec.tensors[i]!.data !== undefined);
  if (!producer || (!constOnly && !PREPARE_TIME.has(producer.op))) return out;
  const t = spec.tensors[out]!;
  const zero =
    tensors.push({ name: `${t.name ?? out}${ZERO_SUFFIX}`, type: t.type, shape: t.shape, quant: t.quant }) - 1;
  const sum = tensors.push({ ...t, name: `${t.name ?? out}_anchored`, data: undefined }) - 1;
  operators.push({ op: 'ADD', inputs: [out, zero], outputs: [sum] });
  inputs.push(zero);
  return sum;
}

export interface InputFill {
  /** Explicit values (in the graph input's type after adaptation). */
  data?: ArrayLike<number>;
  /** U(lo, hi) for float inputs, integers in [lo, hi) for int inputs. */
  range?: [number, number];
}
export interface OutputVerdict {
  output: string;
  maxAbs: number;
  maxRel: number;
  /** 'range' = float (1e-5 of the range), 'step' = one quantization step, 'exact' = integer outputs. */
  rule: 'range' | 'step' | 'exact';
  bound: number;
  ok: boolean;
}
export interface ConformanceResult {
  ok: boolean;
  outputs: OutputVerdict[];
  /** Ops the importer left foreign (the ONNX side then cannot run). */
  foreign: string[];
}

function fill(t: TflTensorSpec, f: InputFill | undefined, seed: number): HostTensor {
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (t.name?.endsWith(ZERO_SUFFIX)) f = { data: new Array<number>(n).fill(0) };
  const r = seeded(seed);
  const [lo, hi] = f?.range ?? (t.type === 'FLOAT32' ? [-1, 1] : [0, 4]);
  if (t.type === 'FLOAT32') {
    const data = f?.data ? Float32Array.from(f.data) : Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
    return { dtype: 'float32', dims: t.shape, data };
  }
  const ints = f?.data ? Array.from(f.data) : Array.from({ length: n }, () => Math.floor(lo + (hi - lo) * r()));
  return t.type === 'UINT8'
    ? { dtype: 'uint8', dims: t.shape, data: Uint8Array.from(ints) }
    : { dtype: 'int32', dims: t.shape, data: Int32Array.from(ints) };
}

/** The largest quantization step of the quantized tensor a DEQUANTIZE output reads, or null. */
function stepOf(spec: TflModelSpec, out: number): number | null {
  const dq = spec.operators.find((o) => o.op === 'DEQUANTIZE' && o.outputs[0] === out);
  const q = dq ? spec.tensors[dq.inputs[0]!]!.quant : undefined;
  return q ? Math.max(...q.scale) : null;
}

/** Build, run in both runtimes, compare every output. */
export async function runConformance(model: TflModelSpec, fills: InputFill[] = []): Promise<ConformanceResult> {
  const spec = adaptInterface(model);
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-tfl-'));
  try {
    const file = join(dir, 'case.tflite');
    writeFileSync(file, buildTflite(spec));
    const feeds = spec.inputs.map((i, k) => fill(spec.tensors[i]!, fills[k], 101 + k));
    const lite = await runLiteRt(
      file,
      feeds.map((f) => ({ data: f.data as Float32Array, shape: f.dims })),
    );
    const imported = readTfliteModel(file);
    const foreign = imported.graph.nodes.filter((n) => n.domain && n.domain !== '').map((n) => `${n.domain}.${n.op}`);
    if (foreign.length) return { ok: false, outputs: [], foreign };
    const ortFeeds = Object.fromEntries(imported.graph.inputs.map((v, k) => [v.name, feeds[k]!]));
    const ortOut = await runOrt(toOnnxBytes(imported), ortFeeds);
    const outputs = imported.graph.outputs.map((v, k): OutputVerdict => {
      const got = ortOut[v.name]!.data as ArrayLike<number | bigint>,
        want = lite[k]!.data as ArrayLike<number>;
      const st = compareTensors({ data: got }, { data: want });
      const sameShape = got.length === want.length && ortOut[v.name]!.dims.join() === lite[k]!.shape.join();
      if (!sameShape) return { output: v.name, maxAbs: Infinity, maxRel: Infinity, rule: 'exact', bound: 0, ok: false };
      const step = stepOf(spec, spec.outputs[k]!);
      const type = spec.tensors[spec.outputs[k]!]!.type;
      if (step !== null) {
        const bound = step * (1 + 1e-4);
        return { output: v.name, maxAbs: st.maxAbs, maxRel: st.maxRel, rule: 'step', bound, ok: st.maxAbs <= bound };
      }
      if (type !== 'FLOAT32')
        return { output: v.name, maxAbs: st.maxAbs, maxRel: st.maxRel, rule: 'exact', bound: 0, ok: st.maxAbs === 0 };
      const ok = st.maxAbs === 0 || st.maxRel <= 1e-5;
      return { output: v.name, maxAbs: st.maxAbs, maxRel: st.maxRel, rule: 'range', bound: 1e-5, ok };
    });
    return { ok: outputs.every((o) => o.ok), outputs, foreign };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One conformance case: the builtin it proves, a short variant name, the model and optional input fills. */
export interface ConformanceCase {
  builtin: string;
  name: string;
  model: TflModelSpec;
  fills?: InputFill[];
}
