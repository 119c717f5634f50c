/**
 * Numeric verification: run the original and the rewritten model in onnxruntime (CPU) on the same
 * seeded inputs (several fills) and report, per output, the error distribution.
 */
import type { Model } from '../ir/model.js';
import { loadOnnxRuntime } from './load-onnxruntime.js';
import { seeded } from '../ir/text.js';
import type { FeedTensor } from './user-inputs.js';
import { randomFeed } from '../ir/random-feed.js';
import { compareOutputs, DEFAULT_TOLERANCE, type TensorLike } from './compare.js';

export interface OutputStats {
  output: string;
  fill: string;
  ok: boolean;
  /** Why the output fails beyond closeness (missing, shape, NaN …). */
  problem?: string;
  maxAbs: number;
  maxRel: number;
  cosine: number;
  p50: number;
  p99: number;
}
export interface Verification {
  stats: OutputStats[];
  ok: boolean;
  rtol: number;
  atol: number;
}

type Fill = { name: string; gen: (r: () => number) => number };
const FILLS: Fill[] = [
  { name: 'uniform(-1,1)', gen: (r) => r() * 2 - 1 },
  { name: 'uniform(0,1)', gen: (r) => r() },
  { name: 'large(±8)', gen: (r) => (r() * 2 - 1) * 8 },
];

type Feed = { type: string; data: ArrayLike<number> | BigInt64Array; dims: number[] };
function feedsFor(
  model: Model,
  fill: Fill,
  seed: number,
  given: Record<string, FeedTensor> = {},
): Record<string, Feed> {
  const r = seeded(seed);
  const feeds: Record<string, Feed> = {};
  for (const v of model.graph.inputs) {
    if (v.data) continue;
    if (given[v.name]) {
      feeds[v.name] = given[v.name]!;
      continue;
    }
    if (!v.shape) throw new Error(`input '${v.name}' has no shape: give --input-shape`);
    const dims = v.shape.map((d) => (typeof d === 'number' ? d : 1)); // symbolic dims (batch, length) run as 1
    const feed = randomFeed(v.dtype, dims, r, fill.gen);
    if (!feed)
      throw new Error(`input '${v.name}' has dtype ${v.dtype}: verification feeds float32, int32 and int64 inputs`);
    feeds[v.name] = feed;
  }
  return feeds;
}

/** The same integer values in another integer type (int32 ↔ int64); other feeds unchanged. */
function retype(t: Feed, type: string): Feed {
  if (t.type === type) return t;
  if (t.type === 'int64' && type === 'int32')
    return { type, dims: t.dims, data: Int32Array.from(t.data as BigInt64Array, (v) => Number(v)) };
  if (t.type === 'int32' && type === 'int64')
    return { type, dims: t.dims, data: BigInt64Array.from(t.data as Int32Array, (v) => BigInt(v)) };
  return t;
}

/** onnxruntime results as the comparison's tensors (dtype, dims, data). */
function hostTensors(
  run: Record<string, { type: string; dims: readonly number[]; data: unknown }>,
): Record<string, TensorLike> {
  return Object.fromEntries(
    Object.entries(run).map(([k, t]) => [k, { dtype: t.type, dims: t.dims, data: t.data as TensorLike['data'] }]),
  );
}

/**
 * Compare two models' outputs; ok when every output passes `compareOutputs` (src/verify/compare.ts):
 * the same outputs, shapes and dtypes, no NaN/Inf the original does not have, max error ≤ atol or ≤ rtol × range.
 * With `inputs` (user data for some or all inputs) that case runs first; inputs it does not give are seeded.
 */
export async function verifyModels(
  original: Uint8Array,
  rewritten: Uint8Array,
  model: Model,
  options: {
    rtol?: number;
    atol?: number;
    inputs?: Record<string, FeedTensor>;
    /** Called as the runs complete (two per case: the original, then the rewritten model). */
    onRun?: (done: number, total: number) => void;
  } = {},
): Promise<Verification> {
  const ort = await loadOnnxRuntime();
  const rtol = options.rtol ?? DEFAULT_TOLERANCE.rtol,
    atol = options.atol ?? DEFAULT_TOLERANCE.atol;
  const so = { graphOptimizationLevel: 'disabled' as const, logSeverityLevel: 3 as const };
  const [s1, s2] = await Promise.all([
    ort.InferenceSession.create(original, so),
    ort.InferenceSession.create(rewritten, so),
  ]);
  const out: OutputStats[] = [];
  let ok = true;
  try {
    const cases: [string, Fill, Record<string, FeedTensor>][] = FILLS.map((f) => [f.name, f, {}]);
    if (options.inputs && Object.keys(options.inputs).length)
      cases.unshift([`--input ${Object.keys(options.inputs).join(',')}`, FILLS[0]!, options.inputs]);
    for (const [i, [fillName, fill, given]] of cases.entries()) {
      const f = feedsFor(model, fill, 11 + i, given);
      const feedsOf = (s: typeof s1): Record<string, InstanceType<typeof ort.Tensor>> =>
        Object.fromEntries(
          Object.entries(f).map(([k, t]) => {
            const want = s.inputMetadata.find((m) => m.name === k);
            const c = want?.isTensor ? retype(t, want.type) : t; // an interface rewrite may change an input's integer width
            return [k, new ort.Tensor(c.type as 'float32', c.data as Float32Array, c.dims)];
          }),
        );
      const a = await s1.run(feedsOf(s1));
      options.onRun?.(2 * i + 1, 2 * cases.length);
      const b = await s2.run(feedsOf(s2));
      options.onRun?.(2 * i + 2, 2 * cases.length);
      // an interface rewrite may narrow an integer output (int64 → int32): the values must still be equal
      const cmp = compareOutputs(hostTensors(b), hostTensors(a), { rtol, atol, integerWidth: 'any' });
      if (!cmp.ok) ok = false;
      for (const o of cmp.outputs)
        out.push({
          output: o.output,
          fill: fillName,
          ok: o.ok,
          ...(o.problem ? { problem: o.problem } : {}),
          maxAbs: o.maxAbs,
          maxRel: o.maxRel,
          cosine: o.cosine,
          p50: o.p50,
          p99: o.p99,
        });
    }
  } finally {
    await s1.release();
    await s2.release();
  }
  return { stats: out, ok, rtol, atol };
}
