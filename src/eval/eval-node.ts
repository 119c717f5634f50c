import type { Node } from '../ir/node.js';
import type { Tensor } from '../ir/tensor.js';
import { dtypeFromCode } from '../ir/dtype.js';
import { EVAL_MAX_ELEMENTS, ndFromTensor, ndToTensor, normAxis, size, type Nd } from './nd.js';
import { BINARY, UNARY, binary, cast, unary, where } from './kernels-elementwise.js';
import { concat, expand, gather, range, reduce, reshapeDims, slice, tile, transpose } from './kernels-shape.js';

type Kernel = (n: Node, x: (Nd | null)[], opset: number) => Nd[] | null;
const ints = (a: Nd | null | undefined): number[] | undefined => a?.data.map(Math.trunc);
const one = (a: Nd | null): Nd[] | null => (a ? [a] : null);

/** Input-or-attribute axes (Squeeze/Unsqueeze/Reduce* moved axes to an input at opsets 13/18). */
function axesOf(n: Node, x: (Nd | null)[]): number[] | null {
  return n.ints('axes') ?? ints(x[1]) ?? null;
}

/** The evaluator's kernels, an explicit table by op type. */
const KERNELS: Record<string, Kernel> = {
  Constant: (n) => {
    const a = n.attrs.values().next().value;
    if (!a) return null;
    if (a.type === 'tensor') return one(ndFromTensor(a.value));
    if (a.type === 'int') return [{ dtype: 'int64', dims: [], data: [a.value] }];
    if (a.type === 'float') return [{ dtype: 'float32', dims: [], data: [a.value] }];
    if (a.type === 'ints') return [{ dtype: 'int64', dims: [a.value.length], data: a.value }];
    if (a.type === 'floats') return [{ dtype: 'float32', dims: [a.value.length], data: a.value }];
    return null;
  },
  Shape: () => null, // needs the input's shape, not its value: see evalShapeOp
  Size: (_n, [a]) => (a ? [{ dtype: 'int64', dims: [], data: [size(a.dims)] }] : null),
  Gather: (n, [a, i]) => (a && i ? one(gather(a, i, n.int('axis', 0))) : null),
  Unsqueeze: (n, x) => {
    const a = x[0],
      axes = axesOf(n, x);
    if (!a || !axes) return null;
    const r = a.dims.length + axes.length;
    const set = new Set(axes.map((v) => normAxis(v, r)));
    const dims: number[] = [];
    for (let i = 0, j = 0; i < r; i++) dims.push(set.has(i) ? 1 : a.dims[j++]!);
    return [{ ...a, dims }];
  },
  Squeeze: (n, x) => {
    const a = x[0];
    if (!a) return null;
    const axes = axesOf(n, x);
    const set = new Set(
      (axes ?? a.dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((v) => normAxis(v, a.dims.length)),
    );
    return [{ ...a, dims: a.dims.filter((_, i) => !set.has(i)) }];
  },
  Concat: (n, x) => (x.every((v) => v) && x.length ? one(concat(x as Nd[], n.int('axis', 0))) : null),
  Slice: (n, x, opset) => {
    const a = x[0];
    if (!a) return null;
    if (opset < 10) return one(slice(a, n.ints('starts') ?? [], n.ints('ends') ?? [], n.ints('axes')));
    const [s, e] = [ints(x[1]), ints(x[2])];
    if (!s || !e || (x[3] === null && n.inputs[3]) || (x[4] === null && n.inputs[4])) return null;
    return one(slice(a, s, e, ints(x[3]), ints(x[4])));
  },
  Cast: (n, [a]) => (a ? one(cast(a, n.int('to', 1))) : null),
  Where: (_n, [c, a, b]) => (c && a && b ? one(where(c, a, b)) : null),
  Reshape: (n, [a, s]) => {
    const dims = a && s ? reshapeDims(a.dims, ints(s)!, n.int('allowzero', 0)) : null;
    return dims ? [{ ...a!, dims }] : null;
  },
  Flatten: (n, [a]) => {
    if (!a) return null;
    const ax = normAxis(n.int('axis', 1), a.dims.length);
    return [{ ...a, dims: [size(a.dims.slice(0, ax)), size(a.dims.slice(ax))] }];
  },
  Transpose: (n, [a]) => (a ? [transpose(a, n.ints('perm'))] : null),
  Expand: (_n, [a, s]) => (a && s ? one(expand(a, ints(s)!)) : null),
  Tile: (_n, [a, r]) => (a && r ? [tile(a, ints(r)!)] : null),
  Range: (_n, [s, l, d]) => (s && l && d ? one(range(s.data[0]!, l.data[0]!, d.data[0]!, s.dtype)) : null),
  ConstantOfShape: (n, [s]) => {
    if (!s) return null;
    const a = n.attr('value');
    const v = a && a.type === 'tensor' ? ndFromTensor(a.value) : null;
    const dims = ints(s)!;
    if (size(dims) > EVAL_MAX_ELEMENTS) return null;
    return [{ dtype: v?.dtype ?? 'float32', dims, data: new Array<number>(size(dims)).fill(v?.data[0] ?? 0) }];
  },
  Split: (n, x, opset) => {
    const a = x[0];
    if (!a) return null;
    const axis = normAxis(n.int('axis', 0), a.dims.length);
    const d = a.dims[axis]!;
    let parts = opset >= 13 ? ints(x[1]) : n.ints('split');
    const k = n.outputs.length;
    if (!parts) {
      const c = Math.ceil(d / k);
      parts = Array.from({ length: k }, (_, i) => Math.max(0, Math.min(c, d - i * c)));
    }
    const out: Nd[] = [];
    let at = 0;
    for (const p of parts) {
      const r = slice(a, [at], [at + p], [axis]);
      if (!r) return null;
      out.push(r);
      at += p;
    }
    return out;
  },
};
for (const op of Object.keys(BINARY)) KERNELS[op] = (_n, [a, b]) => (a && b ? one(binary(op, a, b)) : null);
for (const op of Object.keys(UNARY)) KERNELS[op] = (_n, [a]) => (a ? one(unary(op, a)) : null);
for (const op of ['ReduceSum', 'ReduceProd', 'ReduceMax', 'ReduceMin', 'ReduceMean']) {
  KERNELS[op] = (n, x) => {
    if (!x[0]) return null;
    const axes = n.ints('axes') ?? ints(x[1]) ?? null;
    if (!axes?.length && n.int('noop_with_empty_axes', 0)) return [x[0]];
    return one(reduce(op, x[0], axes, n.int('keepdims', 1) === 1));
  };
}
/** Variadic ops (Sum/Max/Min take 1..N inputs): a left fold of the binary kernel. */
const fold =
  (op: string) =>
  (_n: Node, x: (Nd | null)[]): Nd[] | null =>
    x.length && x.every((v) => v)
      ? one((x.slice(1) as Nd[]).reduce<Nd | null>((acc, v) => (acc ? binary(op, acc, v) : null), x[0]!))
      : null;
KERNELS.Sum = fold('Add');
KERNELS.Max = fold('Max');
KERNELS.Min = fold('Min');
// Mod: fmod=1 keeps the dividend's sign (C fmod), fmod=0 the divisor's (Python %); ONNX Operators.md "Mod"
delete KERNELS.FMod; // internal helper of Mod, not an ONNX op
KERNELS.Mod = (n, [a, b]) => (a && b ? one(binary(n.int('fmod', 0) ? 'FMod' : 'Mod', a, b)) : null);

export function canEvaluate(op: string, domain: string): boolean {
  return domain === '' && op in KERNELS;
}

/**
 * Evaluate a default-domain node on constant inputs (null: an input is not constant, the op is
 * not in the table, or the result would be too large). Shape is evaluated from the input's shape.
 */
export function evalNode(node: Node, inputs: (Tensor | null)[], opset: number): Tensor[] | null {
  if (node.domain !== '') return null;
  if (node.op === 'Shape') {
    const s = node.inputs[0]?.shape;
    if (!s || !s.every((d) => typeof d === 'number')) return null;
    const r = s.length;
    let st = node.int('start', 0),
      en = node.int('end', r);
    if (st < 0) st += r;
    if (en < 0) en += r;
    st = Math.max(0, Math.min(st, r));
    en = Math.max(0, Math.min(en, r));
    return [ndToTensor({ dtype: 'int64', dims: [Math.max(0, en - st)], data: (s as number[]).slice(st, en) })];
  }
  const k = KERNELS[node.op];
  if (!k) return null;
  const x = inputs.map((t) => (t ? ndFromTensor(t) : null));
  if (x.some((v, i) => v === null && node.inputs[i] !== null && node.op !== 'Constant')) return null;
  let out: Nd[] | null;
  try {
    out = k(node, x, opset);
  } catch {
    return null;
  }
  if (!out || out.some((o) => o.data.length !== size(o.dims) || o.data.length > EVAL_MAX_ELEMENTS)) return null;
  return out.map(ndToTensor);
}

export { dtypeFromCode };
