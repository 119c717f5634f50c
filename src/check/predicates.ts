/**
 * The closed predicate vocabulary of targets.json rules. Each predicate answers pass (true),
 * fail (false) or unknown (null: the shapes or values it needs are not known) and says what it saw.
 */
import { batchAxisOf } from '../shape/batch-axis.js';
import type { Node } from '../ir/node.js';
import type { Model } from '../ir/model.js';
import type { Value } from '../ir/value.js';
import type { Attr } from '../ir/attr.js';
import { tensorToNumbers } from '../ir/typed-data.js';
import { attrDefault } from '../opset/lookup.js';
import { knownValue } from '../shape/infer.js';
import { CUSTOM_PREDICATES } from './custom/index.js';
import type { Pred } from './target-types.js';

export interface Outcome {
  pass: boolean | null;
  actual?: string;
}
export interface NodeCtx {
  node: Node;
  model: Model;
  opset: number;
}

const PASS: Outcome = { pass: true };
const UNKNOWN = (actual?: string): Outcome => ({ pass: null, actual });
const fail = (actual: string): Outcome => ({ pass: false, actual });

/** Attribute value, or its default at the model's opset. */
export function attrValue(ctx: NodeCtx, name: string): unknown {
  const a: Attr | undefined = ctx.node.attrs.get(name);
  if (a) return 'value' in a && a.type !== 'tensor' && a.type !== 'graph' ? a.value : a.type;
  return attrDefault(ctx.node.domain, ctx.node.op, ctx.opset, name);
}
const show = (v: unknown): string =>
  typeof v === 'string' ? `'${v}'` : Array.isArray(v) ? `[${v.join(',')}]` : String(v);

/** The values a predicate's `of` names. */
function valuesOf(ctx: NodeCtx, of: unknown): (Value | null)[] {
  const n = ctx.node;
  if (of === 'inputs') return n.inputs.filter((v) => v && !knownValue(v));
  if (of === 'outputs') return n.outputs;
  if (of === 'all') return [...n.inputs, ...n.outputs];
  const m = typeof of === 'string' ? of.match(/^(input|output):(\d+)$/) : null;
  if (m) return [(m[1] === 'input' ? n.inputs : n.outputs)[Number(m[2])] ?? null];
  return [n.inputs[0] ?? null];
}

/** Constant values of an input (null: not constant; undefined: input absent). */
export function inputNumbers(node: Node, index: number): number[] | null | undefined {
  const v = node.inputs[index];
  if (!v) return undefined;
  const t = knownValue(v);
  if (!t || t.dtype === 'string') return null;
  return t.count > 65536 ? null : tensorToNumbers(t);
}

type Eval = (p: Pred, ctx: NodeCtx) => Outcome;

const NODE_PREDICATES: Record<string, Eval> = {
  attr: (p, ctx) => {
    const name = p.attr as string;
    const present = ctx.node.attrs.has(name);
    const v = attrValue(ctx, name);
    if ('absent' in p) return present ? fail(`${name} is set`) : PASS;
    if ('absentOr' in p)
      return !present || equal(v, p.absentOr) ? PASS : fail(`${name}=${show(v)}, needs ${show(p.absentOr)}`);
    if (v === undefined) return PASS;
    if ('eq' in p) return equal(v, p.eq) ? PASS : fail(`${name}=${show(v)}, needs ${show(p.eq)}`);
    if ('in' in p)
      return (p.in as unknown[]).some((x) => equal(v, x))
        ? PASS
        : fail(`${name}=${show(v)}; supported: ${(p.in as unknown[]).join(', ')}`);
    if ('notIn' in p) return (p.notIn as unknown[]).some((x) => equal(v, x)) ? fail(`${name}=${show(v)}`) : PASS;
    if ('range' in p) {
      const [lo, hi] = p.range as [number, number];
      const vals = Array.isArray(v) ? (v as number[]) : [v as number];
      return vals.every((x) => x >= lo && x <= hi) ? PASS : fail(`${name}=${show(v)}; allowed ${lo}..${hi}`);
    }
    return PASS;
  },
  dtype: (p, ctx) => {
    const allowed = p.dtype as string[];
    let unknown = false;
    for (const v of valuesOf(ctx, p.of)) {
      if (!v) continue;
      if (!v.dtype) {
        unknown = true;
        continue;
      }
      if (!allowed.includes(v.dtype)) return fail(`${v.name} is ${v.dtype}; supported: ${allowed.join(', ')}`);
    }
    return unknown ? UNKNOWN('dtype unknown') : PASS;
  },
  rank: (p, ctx) => {
    const { min = 0, max = Infinity } = p.rank as { min?: number; max?: number };
    let unknown = false;
    for (const v of valuesOf(ctx, p.of)) {
      if (!v) continue;
      if (!v.shape) {
        unknown = true;
        continue;
      }
      if (v.shape.length < min || v.shape.length > max)
        return fail(`${v.name} has rank ${v.shape.length}; supported ${min}..${max === Infinity ? '' : max}`);
    }
    return unknown ? UNKNOWN('rank unknown') : PASS;
  },
  staticDims: (p, ctx) => {
    for (const v of valuesOf(ctx, p.of))
      if (v && (!v.shape || v.shape.some((d) => typeof d !== 'number')))
        return fail(`${v.name} has dims ${v.shape ? `[${v.shape.map((d) => d ?? '?').join(',')}]` : 'unknown'}`);
    return PASS;
  },
  constInput: (p, ctx) => {
    const v = ctx.node.inputs[p.constInput as number];
    return !v || knownValue(v)
      ? PASS
      : fail(`input ${p.constInput} ('${v.name}') is computed at run time, not a constant`);
  },
  inputCount: (p, ctx) => {
    const { min = 0, max = Infinity } = p.inputCount as { min?: number; max?: number };
    const n = ctx.node.inputs.filter(Boolean).length;
    return n >= min && n <= max ? PASS : fail(`${n} inputs`);
  },
  outputCount: (p, ctx) => {
    const { min = 0, max = Infinity } = p.outputCount as { min?: number; max?: number };
    const g = ctx.model.graph;
    const n = ctx.node.outputs.filter((v) => v && (v.consumers.length || g.outputs.includes(v))).length;
    return n >= min && n <= max ? PASS : fail(`${n} outputs used`);
  },
  inputValues: (p, ctx) => {
    const { input, in: set, range } = p.inputValues as { input: number; in?: number[]; range?: [number, number] };
    const vals = inputNumbers(ctx.node, input);
    if (vals === undefined) return PASS;
    if (vals === null) return fail(`input ${input} is not a constant`);
    const ok = (x: number): boolean =>
      set ? set.some((s) => Math.abs(s - x) < 1e-9) : range ? x >= range[0] && x <= range[1] : true;
    return vals.every(ok)
      ? PASS
      : fail(
          `input ${input} = [${vals.slice(0, 8).join(',')}]; ${set ? `supported: ${set.join(', ')}` : `allowed ${range![0]}..${range![1]}`}`,
        );
  },
  bound: (p, ctx) => {
    const vals = boundValues(p.bound as string, ctx);
    if (vals === null) return UNKNOWN(`${p.bound} unknown`);
    const { min = -Infinity, max = Infinity, values } = p as { min?: number; max?: number; values?: number[] };
    const bad = vals.filter((x) => (values ? !values.includes(x) : x < min || x > max));
    if (!bad.length) return PASS;
    return fail(
      `${p.bound} ${vals.join('×')}; ${values ? `supported: ${values.join(', ')}` : `allowed ${min === -Infinity ? '' : min}..${max === Infinity ? '' : max}`}`,
    );
  },
  broadcast: (p, ctx) => {
    const allowed = p.broadcast as string[];
    const ins = ctx.node.inputs.filter((v): v is Value => !!v);
    const ref = ctx.node.outputs[0]?.shape ?? ins[0]?.shape ?? null;
    if (!ref) return UNKNOWN('shapes unknown');
    for (const v of ins) {
      if (!v.shape) return UNKNOWN('shapes unknown');
      const kinds = broadcastKinds(v.shape, ref);
      if (!kinds.some((k) => allowed.includes(k)))
        return fail(`${v.name} [${v.shape.join(',')}] against [${ref.join(',')}]; supported: ${allowed.join(', ')}`);
    }
    return PASS;
  },
  batchAxis: (_p, ctx) => {
    const touch = touchesBatch(ctx);
    if (touch === null) return UNKNOWN();
    return touch ? fail(touch) : PASS;
  },
  custom: (p, ctx) => {
    const f = CUSTOM_PREDICATES[p.custom as string];
    if (!f) throw new Error(`targets.json names an unknown custom predicate '${String(p.custom)}'`);
    return f(ctx, (p.args ?? {}) as Record<string, unknown>);
  },
  all: (p, ctx) => {
    let unknown = false;
    for (const q of p.all as Pred[]) {
      const o = evaluate(q, ctx);
      if (o.pass === false) return o;
      if (o.pass === null) unknown = true;
    }
    return unknown ? UNKNOWN() : PASS;
  },
  any: (p, ctx) => {
    const outs = (p.any as Pred[]).map((q) => evaluate(q, ctx));
    if (outs.some((o) => o.pass === true)) return PASS;
    if (outs.some((o) => o.pass === null)) return UNKNOWN();
    return fail(
      outs
        .map((o) => o.actual)
        .filter(Boolean)
        .join('; '),
    );
  },
  not: (p, ctx) => {
    const o = evaluate(p.not as Pred, ctx);
    return o.pass === null ? o : o.pass ? fail('condition holds') : PASS;
  },
};

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Evaluate a node predicate. The key that names the predicate is the first vocabulary key present. */
export function evaluate(p: Pred, ctx: NodeCtx): Outcome {
  for (const key of Object.keys(p)) {
    const f = NODE_PREDICATES[key];
    if (f) return f(p, ctx);
  }
  throw new Error(`targets.json: unknown predicate ${JSON.stringify(p)}`);
}
export const NODE_PREDICATE_NAMES = Object.keys(NODE_PREDICATES);

/** Broadcast pattern(s) of an operand shape against the result shape. */
function broadcastKinds(s: (number | string | null)[], ref: (number | string | null)[]): string[] {
  const kinds: string[] = ['numpy'];
  if (s.length === ref.length && s.every((d, i) => d === ref[i])) kinds.push('same');
  if (s.every((d) => d === 1)) kinds.push('scalar');
  if (s.length === ref.length) kinds.push('same-rank');
  const c = ref[1];
  const pc =
    s.length === ref.length
      ? s.every((d, i) => (i === 1 ? d === c : d === 1))
      : s.length === ref.length - 1 && s.every((d, i) => (i === 0 ? d === c : d === 1));
  if (pc && ref.length >= 2) kinds.push('per-channel');
  return kinds;
}

/** Per-axis values of a node for `bound` (null: not known). */
function boundValues(kind: string, ctx: NodeCtx): number[] | null {
  const n = ctx.node;
  const x = n.inputs[0]?.shape,
    w = n.inputs[1]?.shape,
    y = n.outputs[0]?.shape;
  const spatial = x ? x.length - 2 : (n.ints('kernel_shape')?.length ?? 2);
  const nums = (arr: unknown[] | null | undefined): number[] | null =>
    arr && arr.every((d) => typeof d === 'number') ? (arr as number[]) : null;
  switch (kind) {
    case 'kernel':
      return n.ints('kernel_shape') ?? nums(w?.slice(2)) ?? null;
    case 'stride':
      return n.ints('strides') ?? new Array<number>(Math.max(spatial, 1)).fill(1);
    case 'dilation':
      return n.ints('dilations') ?? new Array<number>(Math.max(spatial, 1)).fill(1);
    case 'pad':
      return n.str('auto_pad', 'NOTSET') === 'NOTSET'
        ? (n.ints('pads') ?? new Array<number>(2 * Math.max(spatial, 1)).fill(0))
        : null;
    case 'group':
      return [n.int('group', 1)];
    case 'channelsIn':
      return nums(x ? [x[1]] : null);
    case 'channelsOut':
      return nums(y ? [y[1]] : null);
    case 'spatialIn':
      return nums(x ? x.slice(1) : null);
    case 'spatialOut':
      return nums(y ? y.slice(1) : null);
    // dim 0 is the batch of NCHW-style tensors (rank ≥ 3); [rows, features] tensors carry none
    case 'batch':
      // recurrent ops take X as [seq, batch, features] (layout 0) or [batch, seq, features] (layout 1)
      if (n.op === 'LSTM' || n.op === 'GRU' || n.op === 'RNN') return nums(x ? [x[n.int('layout', 0) ? 0 : 1]] : null);
      return x && x.length < 3 ? [] : nums(x ? [x[0]] : null);
    case 'axis': {
      const a = n.int('axis', (attrDefault(n.domain, n.op, ctx.opset, 'axis') as number | undefined) ?? 0);
      return x ? [a < 0 ? a + x.length : a] : a >= 0 ? [a] : null;
    }
    default:
      throw new Error(`targets.json: unknown bound '${kind}'`);
  }
}

const AXIS_OPS = new Set([
  'Concat',
  'Softmax',
  'LogSoftmax',
  'Hardmax',
  'Gather',
  'Split',
  'ArgMax',
  'ArgMin',
  'CumSum',
  'GatherElements',
  'ScatterElements',
  'TopK',
  'Compress',
  'OneHot',
  'LpNormalization',
]);
const AXES_OPS = new Set([
  'ReduceSum',
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceSumSquare',
  'Squeeze',
  'Unsqueeze',
]);

/** Whether a node works along the batch axis of its input (a message), not (false), or unknown (null). */
function touchesBatch(ctx: NodeCtx): string | false | null {
  const n = ctx.node;
  const x = n.inputs[0]?.shape;
  const rank = x?.length;
  const b = batchAxisOf(n.inputs[0]);
  if (b === null) return false;
  const where = `axis ${b} (the batch axis)`;
  const norm = (a: number, r: number | undefined): number | null => (a >= 0 ? a : r === undefined ? null : a + r);
  if (AXIS_OPS.has(n.op)) {
    const dflt = (attrDefault(n.domain, n.op, ctx.opset, 'axis') as number | undefined) ?? 0;
    const a = norm(n.int('axis', dflt), rank);
    if (a === null) return null;
    return a === b ? `${n.op} along ${where}` : false;
  }
  if (AXES_OPS.has(n.op)) {
    const outRank = n.op === 'Unsqueeze' ? (n.outputs[0]?.shape?.length ?? undefined) : rank;
    const batch = n.op === 'Unsqueeze' ? batchAxisOf(n.outputs[0]) : b;
    const axes = n.ints('axes') ?? inputNumbers(n, 1);
    if (axes === null) return null;
    if (axes === undefined || !axes.length) {
      if (n.op === 'Squeeze') return x ? (x[b] === 1 ? `Squeeze removes ${where}` : false) : null;
      if (n.op.startsWith('Reduce'))
        return n.int('noop_with_empty_axes', 0) ? false : 'reduces every axis, the batch axis included';
      return false;
    }
    return axes.some((a) => norm(a, outRank) === batch)
      ? `${n.op} axes [${axes.join(',')}] include axis ${batch} (the batch axis)`
      : false;
  }
  if (n.op === 'Transpose') {
    const perm = n.ints('perm') ?? (rank !== undefined ? [...Array(rank).keys()].reverse() : null);
    if (!perm) return null;
    return perm[b] !== b ? `Transpose perm [${perm.join(',')}] moves ${where}` : false;
  }
  if (n.op === 'Flatten') return n.int('axis', 1) === 0 ? 'Flatten with axis 0 merges the batch axis' : false;
  if (n.op === 'Reshape') {
    const y = n.outputs[0]?.shape;
    if (!x || !y) return null;
    if (!x.length || !y.length) return false;
    const after = n.outputs[0]!.batchAxis;
    if (typeof after === 'number') return after === b ? false : `Reshape moves the batch axis from ${b} to ${after}`;
    return x[b] === y[b] ? false : `Reshape changes dim ${b} (the batch axis) from ${x[b]} to ${y[b]}`;
  }
  if (n.op === 'Slice') {
    const y = n.outputs[0]?.shape;
    if (!x || !y) return null;
    return x[b] !== y[b] ? `Slice along ${where}` : false;
  }
  if (n.op === 'Tile') {
    const r = inputNumbers(n, 1);
    return r === null || r === undefined ? null : r[b] !== 1 ? 'Tile repeats the batch axis' : false;
  }
  if (n.op === 'Pad') {
    const pads = n.ints('pads') ?? inputNumbers(n, 1);
    if (!pads) return null;
    const r = pads.length / 2;
    return pads[b] || pads[r + b] ? 'Pad pads the batch axis' : false;
  }
  return false;
}
