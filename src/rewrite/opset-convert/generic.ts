/**
 * What the schemas of two adjacent op versions say without an adapter: attributes added later
 * (going down they must be absent or at their default), attributes removed (going up likewise),
 * changed defaults (made explicit so the meaning stays), optional inputs/outputs added at the end
 * (going down they must be unused), and the element types the target version accepts.
 */
import type { Node } from '../../ir/node.js';
import type { OpSchema } from '../../opset/lookup.js';
import type { Direction } from './adapter.js';
import type { Attr } from '../../ir/attr.js';
import type { Graph } from '../../ir/graph.js';
import type { Value } from '../../ir/value.js';

const used = (v: Value | null | undefined, g: Graph): boolean =>
  !!v && (v.consumers.length > 0 || g.outputs.includes(v));

const sameValue = (a: Attr, dflt: unknown): boolean =>
  dflt !== undefined && JSON.stringify(a.value) === JSON.stringify(dflt);

function defaultAttr(type: string, value: unknown): Attr | null {
  if (type === 'int' && typeof value === 'number') return { type: 'int', value };
  if (type === 'float' && typeof value === 'number') return { type: 'float', value };
  if (type === 'string' && typeof value === 'string') return { type: 'string', value };
  if (type === 'ints' && Array.isArray(value)) return { type: 'ints', value: value as number[] };
  if (type === 'floats' && Array.isArray(value)) return { type: 'floats', value: value as number[] };
  return null;
}

/** A reason the node cannot cross from `older` to `newer` in `dir` (null: it can, with `applyGeneric`). */
export function checkGeneric(
  n: Node,
  older: OpSchema,
  newer: OpSchema,
  dir: Direction,
  handles: string[],
  hasAdapter: boolean,
  g: Graph,
  current: OpSchema,
): string | null {
  const [from, to] = dir === 'up' ? [older, newer] : [newer, older];
  for (const [name, a] of n.attrs) {
    if (handles.includes(name) || name in to.attributes) continue;
    if (!sameValue(a, from.attributes[name]?.default ?? current.attributes[name]?.default))
      return `${n.op} attribute ${name}=${JSON.stringify(a.value)} does not exist in ${n.op}-${to.since}`;
  }
  if (hasAdapter) return null;
  const names = (s: OpSchema, k: 'inputs' | 'outputs') => s[k].map((p) => p.name);
  for (const k of ['inputs', 'outputs'] as const) {
    const f = names(from, k),
      t = names(to, k);
    const common = Math.min(f.length, t.length);
    if (f.slice(0, common).join() !== t.slice(0, common).join())
      return `${n.op}: no conversion between ${n.op}-${older.since} and ${n.op}-${newer.since} (${k} changed)`;
    const list = k === 'inputs' ? n.inputs : n.outputs;
    if (to[k][to[k].length - 1]?.variadic) continue;
    for (let i = t.length; i < list.length; i++) {
      const v = list[i];
      if (handles.includes(current[k][i]?.name ?? '')) continue;
      if (v && (k === 'inputs' || used(v, g)))
        return `${n.op} ${k.slice(0, -1)} '${f[i]}' does not exist in ${n.op}-${to.since}`;
    }
  }
  return null;
}

/** Drop attributes the target version lacks (checked to be at their default) and make changed defaults explicit. */
export function applyGeneric(
  n: Node,
  older: OpSchema,
  newer: OpSchema,
  dir: Direction,
  handles: string[],
  g: Graph,
): void {
  const [from, to] = dir === 'up' ? [older, newer] : [newer, older];
  for (const name of [...n.attrs.keys()]) if (!handles.includes(name) && !(name in to.attributes)) n.attrs.delete(name);
  for (const [name, spec] of Object.entries(to.attributes)) {
    const was = from.attributes[name];
    if (
      handles.includes(name) ||
      n.attrs.has(name) ||
      !was ||
      JSON.stringify(was.default) === JSON.stringify(spec.default)
    )
      continue;
    const a = defaultAttr(was.type, was.default);
    if (a) n.attrs.set(name, a);
  }
  if (dir === 'down' && !to.outputs[to.outputs.length - 1]?.variadic)
    while (n.outputs.length > to.outputs.length && !used(n.outputs[n.outputs.length - 1], g))
      (n.outputs as unknown[]).pop();
}

const ONNX_TYPE: Record<string, string> = { float32: 'float', float64: 'double' };
/** A reason the target version does not accept the node's element types (null when it does or types are unknown). */
export function checkTypes(n: Node, target: OpSchema): string | null {
  const check = (v: Node['inputs'][number], param: OpSchema['inputs'][number] | undefined): string | null => {
    if (!v || !v.dtype || !param) return null;
    const allowed = target.typeConstraints[param.type] ?? (param.type.startsWith('tensor(') ? [param.type] : null);
    const want = `tensor(${ONNX_TYPE[v.dtype] ?? v.dtype})`;
    return allowed && allowed.some((t) => t.startsWith('tensor(')) && !allowed.includes(want)
      ? `${n.op}-${target.since} does not accept ${v.dtype} for '${param.name}'`
      : null;
  };
  const at = (list: OpSchema['inputs'], i: number) =>
    list[i] ?? (list[list.length - 1]?.variadic ? list[list.length - 1] : undefined);
  for (const [i, v] of n.inputs.entries()) {
    const r = check(v, at(target.inputs, i));
    if (r) return r;
  }
  for (const [i, v] of n.outputs.entries()) {
    const r = check(v, at(target.outputs, i));
    if (r) return r;
  }
  return null;
}

/** Ops whose axis/axes accept negative values only from opset 11 (Changelog: the opset 11 versions). */
const NEGATIVE_AXES_11 = new Set([
  'ArgMax',
  'ArgMin',
  'Compress',
  'Concat',
  'Flatten',
  'Gather',
  'Hardmax',
  'LogSoftmax',
  'OneHot',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceMax',
  'ReduceMean',
  'ReduceMin',
  'ReduceProd',
  'ReduceSum',
  'ReduceSumSquare',
  'Scatter',
  'Softmax',
  'Split',
  'Squeeze',
  'Unsqueeze',
  'TopK',
]);

const axisRank = (n: Node): number | null =>
  (['Unsqueeze', 'Concat', 'OneHot'].includes(n.op) ? n.outputs[0]?.shape?.length : n.inputs[0]?.shape?.length) ?? null;
const hasNegative = (n: Node): boolean => n.int('axis', 0) < 0 || (n.ints('axes') ?? []).some((a) => a < 0);

/** Going below opset 11: negative axes must become non-negative (the rank must be known). */
export function checkNegativeAxes(n: Node, since: number, dir: Direction): string | null {
  if (dir !== 'down' || since !== 11 || !NEGATIVE_AXES_11.has(n.op) || !hasNegative(n)) return null;
  return axisRank(n) === null ? `${n.op} negative axis on an input of unknown rank has no form before opset 11` : null;
}
export function applyNegativeAxes(n: Node, since: number, dir: Direction): void {
  if (
    checkNegativeAxes(n, since, dir) !== null ||
    dir !== 'down' ||
    since !== 11 ||
    !NEGATIVE_AXES_11.has(n.op) ||
    !hasNegative(n)
  )
    return;
  const r = axisRank(n)!;
  const a = n.int('axis');
  if (a !== undefined && a < 0) n.attrs.set('axis', { type: 'int', value: a + r });
  const axes = n.ints('axes');
  if (axes) n.attrs.set('axes', { type: 'ints', value: axes.map((x) => (x < 0 ? x + r : x)) });
}
