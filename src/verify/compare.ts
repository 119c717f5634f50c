/**
 * THE output comparison: one rule set for `fix --verify`, the TUI and every test.
 *
 * - A non-finite candidate value where the reference is finite fails; NaN where the reference is NaN and the same
 *   infinity where the reference holds it are equal.
 * - A dtype, shape or length mismatch fails; a missing or extra output fails; every output is compared.
 * - Numeric closeness: max |actual − expected| ≤ atol, or ≤ rtol × the reference's finite range (deep models
 *   accumulate float noise relative to the output's scale), or — with `relativeTo: 'element'` — every element
 *   within atol + rtol × |expected| (numpy's allclose).
 */
export type Scalar = number | bigint | boolean | string;

export interface TensorLike {
  /** Element type name (`float32`, `int64`, …); compared when both sides give it. */
  dtype?: string;
  /** Shape; compared when both sides give it. */
  dims?: readonly number[];
  data: ArrayLike<Scalar>;
}

export interface Tolerance {
  rtol: number;
  atol: number;
  /** `range` (default): relative to the reference's value range; `element`: per element, like numpy's allclose. */
  relativeTo?: 'range' | 'element';
  /**
   * `exact` (default): the dtypes must be equal. `any`: int32 and int64 (also int8/16, uint…) count as the same
   * type, values compared — for interface rewrites that narrow integer tensors on purpose.
   */
  integerWidth?: 'exact' | 'any';
}

export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

export interface TensorComparison {
  ok: boolean;
  /** Why it fails structurally or on non-finite values (absent when the only question is closeness). */
  problem?: string;
  maxAbs: number;
  /** maxAbs relative to the reference's finite range. */
  maxRel: number;
  cosine: number;
  /** Median and 99th percentile of |actual − expected| over the compared elements. */
  p50: number;
  p99: number;
  /** The reference's finite value range (hi − lo, or |hi| for a constant). */
  range: number;
  /** Elements where only one side is NaN/±Inf, or the infinities differ. */
  nonFinite: number;
}

export interface OutputComparison extends TensorComparison {
  output: string;
}

export interface OutputsComparison {
  ok: boolean;
  outputs: OutputComparison[];
}

const FAILED = { maxAbs: Infinity, maxRel: Infinity, cosine: 0, p50: Infinity, p99: Infinity, range: 0 };

const INFINITE = { maxAbs: Infinity, maxRel: Infinity };

function failed(problem: string, nonFinite = 0): TensorComparison {
  return { ok: false, problem, ...FAILED, nonFinite };
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => Number(d) === Number(b[i]));
}

const INTEGER = /^u?int\d+$/;

function sameDtype(a: string, e: string, integerWidth: Tolerance['integerWidth']): boolean {
  return a === e || (integerWidth === 'any' && INTEGER.test(a) && INTEGER.test(e));
}

function structuralProblem(actual: TensorLike, expected: TensorLike, tol: Tolerance): string | undefined {
  if (
    actual.dtype !== undefined &&
    expected.dtype !== undefined &&
    !sameDtype(actual.dtype, expected.dtype, tol.integerWidth)
  )
    return `dtype ${actual.dtype}, expected ${expected.dtype}`;
  if (actual.dims && expected.dims && !sameDims(actual.dims, expected.dims))
    return `shape [${actual.dims.join(',')}], expected [${expected.dims.join(',')}]`;
  if (actual.data.length !== expected.data.length)
    return `${actual.data.length} elements, expected ${expected.data.length}`;
  return undefined;
}

const isNumeric = (v: Scalar): boolean => typeof v === 'number' || typeof v === 'bigint';

/** Compare one tensor against its reference. */
export function compareTensors(
  actual: TensorLike,
  expected: TensorLike,
  tol: Tolerance = DEFAULT_TOLERANCE,
): TensorComparison {
  const structural = structuralProblem(actual, expected, tol);
  if (structural) return failed(structural);
  const n = expected.data.length;
  const diffs = new Float64Array(n);
  let compared = 0,
    nonFinite = 0,
    unequal = 0,
    outsideElement = 0,
    dot = 0,
    na = 0,
    nb = 0,
    lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = actual.data[i]!,
      e = expected.data[i]!;
    if (!isNumeric(a) || !isNumeric(e)) {
      if (a !== e) unequal++; // strings and booleans: equal or not
      continue;
    }
    const x = Number(a),
      y = Number(e);
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (x !== y) nonFinite++; // one side NaN/Inf, or opposite infinities
      continue;
    }
    const d = Math.abs(x - y);
    diffs[compared++] = d;
    if (d > tol.atol + tol.rtol * Math.abs(y)) outsideElement++;
    dot += x * y;
    na += x * x;
    nb += y * y;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const sorted = diffs.subarray(0, compared).sort();
  const maxAbs = compared ? sorted[compared - 1]! : 0;
  const range = hi > lo ? hi - lo : Math.max(Math.abs(hi === -Infinity ? 0 : hi), 1e-12);
  const stats = {
    maxAbs,
    maxRel: maxAbs / range,
    cosine: na && nb ? dot / Math.sqrt(na * nb) : na === nb ? 1 : 0,
    p50: sorted[Math.floor(compared * 0.5)] ?? 0,
    p99: sorted[Math.floor(compared * 0.99)] ?? 0,
    range,
    nonFinite,
  };
  // a value that cannot be close is an infinite error, so a bound on maxAbs or maxRel alone still fails
  if (nonFinite)
    return {
      ...stats,
      ...INFINITE,
      ok: false,
      problem: `${nonFinite} non-finite value(s) where the reference differs`,
    };
  if (unequal) return { ...stats, ...INFINITE, ok: false, problem: `${unequal} unequal non-numeric value(s)` };
  const close =
    tol.relativeTo === 'element' ? outsideElement === 0 : stats.maxAbs <= tol.atol || stats.maxRel <= tol.rtol;
  return { ...stats, ok: close };
}

/**
 * Compare every output by name: an output missing from `actual`, or one `actual` has and `expected` lacks, fails.
 * The order follows `expected`, then the extra outputs.
 */
export function compareOutputs(
  actual: Record<string, TensorLike>,
  expected: Record<string, TensorLike>,
  tol: Tolerance = DEFAULT_TOLERANCE,
): OutputsComparison {
  const outputs: OutputComparison[] = [];
  for (const [name, e] of Object.entries(expected)) {
    const a = actual[name];
    outputs.push({ output: name, ...(a ? compareTensors(a, e, tol) : failed('missing output')) });
  }
  for (const name of Object.keys(actual))
    if (!(name in expected)) outputs.push({ output: name, ...failed('output the reference does not have') });
  if (!outputs.length) outputs.push({ output: '', ...failed('no outputs to compare') });
  return { ok: outputs.every((o) => o.ok), outputs };
}

/** One line for an assertion message or a report. */
export function describeComparison(c: TensorComparison): string {
  const head = c.problem ? `${c.problem}; ` : '';
  return `${head}max abs ${c.maxAbs.toExponential(2)}, max rel ${c.maxRel.toExponential(2)}, cosine ${c.cosine.toFixed(8)}`;
}
