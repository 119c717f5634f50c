import type { Dim, Shape } from '../ir/shape.js';
import type { Node } from '../ir/node.js';
import type { ShapeFn, In, Out, ShapeContext } from './types.js';
import { ints, norm, prod, same } from './types.js';
import { dtypeFromCode } from '../ir/dtype.js';

const axesArg = (n: Node, ins: (In | null)[]): number[] | null => n.ints('axes') ?? ints(ins[1]?.value) ?? null;

const reshape: ShapeFn = (n, [x, s], ctx) => {
  const target = ints(s?.value);
  if (!target)
    return [
      {
        dtype: x?.dtype ?? null,
        shape:
          s?.shape && typeof s.shape[0] === 'number'
            ? Array.from({ length: s.shape[0] }, () => ctx.fresh('reshape'))
            : null,
      },
    ];
  const inDims = x?.shape ?? null;
  const allowzero = n.int('allowzero', 0);
  const out: Dim[] = target.map((d, i) => (d === 0 && !allowzero ? (inDims?.[i] ?? null) : d));
  const minus = out.indexOf(-1);
  if (minus >= 0) {
    const total = inDims ? prod(inDims) : null;
    const rest = prod(out.filter((_, i) => i !== minus));
    if (typeof total === 'number' && typeof rest === 'number' && rest > 0) out[minus] = total / rest;
    else if (inDims && out.length === inDims.length && out.every((d, i) => i === minus || d === inDims[i]))
      out[minus] = inDims[minus]!;
    else out[minus] = ctx.fresh('reshape');
  }
  return [{ dtype: x?.dtype ?? null, shape: out }];
};

const resize: ShapeFn = (n, ins, ctx) => {
  const x = ins[0];
  const s = x?.shape;
  const opset = ctx.opset;
  let scales: number[] | null = null,
    sizes: number[] | null = null;
  if (n.op === 'Upsample') scales = n.floats('scales') ?? ints(ins[1]?.value) ?? ins[1]?.value?.data ?? null;
  else if (opset < 11) scales = ins[1]?.value?.data ?? null;
  else {
    scales = ins[2]?.value?.data.length ? ins[2]!.value!.data : null;
    sizes = ins[3]?.value ? ints(ins[3].value) : null;
  }
  if (!s) return [{ dtype: x?.dtype ?? null, shape: null }];
  const axes = n.ints('axes')?.map((a) => norm(a, s.length)) ?? s.map((_, i) => i);
  const out: Dim[] = [...s];
  if (sizes)
    axes.forEach((a, i) => {
      out[a] = sizes![i]!;
    });
  else if (scales)
    axes.forEach((a, i) => {
      const d = s[a];
      out[a] = typeof d === 'number' ? Math.floor(d * scales![i]!) : scales![i] === 1 ? d! : null;
    });
  else return [{ dtype: x!.dtype, shape: s.map(() => null) }];
  return [{ dtype: x!.dtype, shape: out }];
};

const reduceFn: ShapeFn = (n, ins) => {
  const x = ins[0];
  if (!x?.shape) return [{ dtype: x?.dtype ?? null, shape: null }];
  const axes = n.ints('axes') ?? (ins[1] ? ints(ins[1].value) : []);
  if (axes === null) return [{ dtype: x.dtype, shape: n.int('keepdims', 1) ? x.shape.map(() => null) : null }];
  if (!axes.length && n.int('noop_with_empty_axes', 0)) return [same(x)];
  const set = new Set((axes.length ? axes : x.shape.map((_, i) => i)).map((a) => norm(a, x.shape!.length)));
  const keep = n.int('keepdims', 1);
  return [
    {
      dtype: x.dtype,
      shape: keep ? x.shape.map((d, i) => (set.has(i) ? 1 : d)) : x.shape.filter((_, i) => !set.has(i)),
    },
  ];
};

const argFn: ShapeFn = (n, [x]) => {
  if (!x?.shape) return [{ dtype: 'int64', shape: null }];
  const a = norm(n.int('axis', 0), x.shape.length);
  return [
    {
      dtype: 'int64',
      shape: n.int('keepdims', 1) ? x.shape.map((d, i) => (i === a ? 1 : d)) : x.shape.filter((_, i) => i !== a),
    },
  ];
};

function rnn(gates: number): ShapeFn {
  return (n, [x, w]) => {
    const s = x?.shape;
    const layout = n.int('layout', 0);
    const dirs = n.str('direction', 'forward') === 'bidirectional' ? 2 : 1;
    const hidden = n.int('hidden_size') ?? (typeof w?.shape?.[1] === 'number' ? (w.shape[1] as number) / gates : null);
    const [seq, batch] = s ? (layout ? [s[1]!, s[0]!] : [s[0]!, s[1]!]) : [null, null];
    const y: Shape = layout ? [batch, seq, dirs, hidden] : [seq, dirs, batch, hidden];
    const h: Shape = layout ? [batch, dirs, hidden] : [dirs, batch, hidden];
    return [
      { dtype: x?.dtype ?? null, shape: y },
      { dtype: x?.dtype ?? null, shape: h },
      { dtype: x?.dtype ?? null, shape: h },
    ];
  };
}

function einsum(n: Node, ins: (In | null)[]): Out[] {
  const eq = n.str('equation', '').replace(/\s/g, '');
  const [lhs, rhs] = eq.split('->');
  const terms = lhs!.split(',');
  const dims = new Map<string, Dim>();
  terms.forEach((t, k) => {
    const s = ins[k]?.shape;
    if (!s || t.includes('...')) return;
    [...t].forEach((c, i) => {
      const d = s[i];
      if (d !== undefined && (dims.get(c) === undefined || dims.get(c) === 1)) dims.set(c, d);
    });
  });
  const out =
    rhs ??
    [...new Set(terms.join(''))]
      .filter((c) => terms.join('').split(c).length === 2)
      .sort()
      .join('');
  if (out.includes('...') || terms.some((t) => t.includes('...')))
    return [{ dtype: ins[0]?.dtype ?? null, shape: null }];
  return [{ dtype: ins[0]?.dtype ?? null, shape: [...out].map((c) => dims.get(c) ?? null) }];
}

function sliceShape(
  x: In | null,
  starts: number[] | null,
  ends: number[] | null,
  axes: number[] | null,
  steps: number[] | null,
): Shape {
  const s = x?.shape;
  if (!s) return null;
  if (!starts || !ends) return s.map((d, i) => (axes && !axes.map((a) => norm(a, s.length)).includes(i) ? d : null));
  const out: Dim[] = [...s];
  const ax = (axes ?? starts.map((_, i) => i)).map((a) => norm(a, s.length));
  ax.forEach((a, i) => {
    const d = s[a],
      step = steps?.[i] ?? 1;
    if (typeof d !== 'number') {
      out[a] = starts[i] === 0 && ends[i]! >= 2 ** 31 - 1 && step === 1 ? d! : null;
      return;
    }
    let b = starts[i]!,
      e = ends[i]!;
    if (b < 0) b += d;
    if (e < 0) e += d;
    if (step > 0) {
      b = Math.min(Math.max(b, 0), d);
      e = Math.min(Math.max(e, 0), d);
    } else {
      b = Math.min(Math.max(b, -1), d - 1);
      e = Math.min(Math.max(e, -1), d - 1);
    }
    out[a] = Math.max(0, Math.ceil((e - b) / step));
  });
  return out;
}

export const TENSOR: Record<string, ShapeFn> = {
  Reshape: reshape,
  Flatten: (n, [x]) => {
    const s = x?.shape;
    if (!s) return [{ dtype: x?.dtype ?? null, shape: [null, null] }];
    const a = norm(n.int('axis', 1), s.length);
    return [{ dtype: x!.dtype, shape: [prod(s.slice(0, a)), prod(s.slice(a))] }];
  },
  Transpose: (n, [x]) => {
    const s = x?.shape;
    if (!s) return [same(x)];
    const perm = n.ints('perm') ?? s.map((_, i) => s.length - 1 - i);
    return [{ dtype: x!.dtype, shape: perm.map((p) => s[p] ?? null) }];
  },
  Concat: (n, ins) => {
    const shapes = ins.map((i) => i?.shape ?? null);
    const first = shapes.find((s) => s) ?? null;
    if (!first) return [{ dtype: ins[0]?.dtype ?? null, shape: null }];
    const a = norm(n.int('axis', 0), first.length);
    const out: Dim[] = first.map((d, i) =>
      i === a ? null : (shapes.map((s) => s?.[i]).find((x) => typeof x === 'number') ?? d),
    );
    out[a] = shapes.every((s) => s && typeof s[a] === 'number')
      ? shapes.reduce((t, s) => t + (s![a] as number), 0)
      : null;
    return [{ dtype: ins.find((i) => i?.dtype)?.dtype ?? null, shape: out }];
  },
  Split: (n, ins, ctx) => {
    const x = ins[0],
      s = x?.shape;
    const k = n.outputs.length;
    if (!s) return Array.from({ length: k }, () => same(x));
    const a = norm(n.int('axis', 0), s.length);
    const d = s[a];
    let parts = ctx.opset >= 13 ? ints(ins[1]?.value) : (n.ints('split') ?? null);
    const given = ctx.opset >= 13 ? !!n.inputs[1] : !!n.ints('split');
    if (!parts && given)
      return Array.from({ length: k }, () => ({ dtype: x!.dtype, shape: s.map((dd, j) => (j === a ? null : dd)) }));
    if (!parts && typeof d === 'number') {
      const c = n.int('num_outputs') ? Math.ceil(d / k) : d / k;
      parts = Array.from({ length: k }, (_, i) => Math.max(0, Math.min(Math.ceil(c), d - i * Math.ceil(c))));
    }
    return Array.from({ length: k }, (_, i) => ({
      dtype: x!.dtype,
      shape: s.map((dd, j) => (j === a ? (parts?.[i] ?? null) : dd)),
    }));
  },
  Slice: (n, ins, ctx) => [
    {
      dtype: ins[0]?.dtype ?? null,
      shape:
        ctx.opset < 10
          ? sliceShape(ins[0] ?? null, n.ints('starts') ?? null, n.ints('ends') ?? null, n.ints('axes') ?? null, null)
          : sliceShape(
              ins[0] ?? null,
              ints(ins[1]?.value),
              ints(ins[2]?.value),
              n.inputs[3] ? (ints(ins[3]?.value) ?? (ins[3] ? null : null)) : null,
              n.inputs[4] ? ints(ins[4]?.value) : null,
            ),
    },
  ],
  Gather: (n, [x, i]) => {
    if (!x?.shape || !i?.shape) return [{ dtype: x?.dtype ?? null, shape: null }];
    const a = norm(n.int('axis', 0), x.shape.length);
    return [{ dtype: x.dtype, shape: [...x.shape.slice(0, a), ...i.shape, ...x.shape.slice(a + 1)] }];
  },
  GatherElements: (_n, [x, i]) => [{ dtype: x?.dtype ?? null, shape: i?.shape ?? null }],
  GatherND: (n, [x, i]) => {
    const b = n.int('batch_dims', 0);
    if (!x?.shape || !i?.shape || typeof i.shape[i.shape.length - 1] !== 'number')
      return [{ dtype: x?.dtype ?? null, shape: null }];
    const last = i.shape[i.shape.length - 1] as number;
    return [{ dtype: x.dtype, shape: [...i.shape.slice(0, -1), ...x.shape.slice(b + last)] }];
  },
  Unsqueeze: (n, ins) => {
    const s = ins[0]?.shape,
      axes = axesArg(n, ins);
    if (!s || !axes) return [{ dtype: ins[0]?.dtype ?? null, shape: null }];
    const r = s.length + axes.length;
    const set = new Set(axes.map((a) => norm(a, r)));
    const out: Dim[] = [];
    for (let i = 0, j = 0; i < r; i++) out.push(set.has(i) ? 1 : s[j++]!);
    return [{ dtype: ins[0]!.dtype, shape: out }];
  },
  Squeeze: (n, ins) => {
    const s = ins[0]?.shape,
      axes = axesArg(n, ins);
    if (!s) return [same(ins[0])];
    if (!axes && n.inputs[1]) return [{ dtype: ins[0]!.dtype, shape: null }];
    const set = new Set((axes ?? s.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => norm(a, s.length)));
    if (!axes && s.some((d) => typeof d !== 'number')) return [{ dtype: ins[0]!.dtype, shape: null }];
    return [{ dtype: ins[0]!.dtype, shape: s.filter((_, i) => !set.has(i)) }];
  },
  Expand: (_n, [x, s]) => {
    const t = ints(s?.value);
    if (!t || !x?.shape) return [{ dtype: x?.dtype ?? null, shape: t ? t.map((d) => (d === 1 ? null : d)) : null }];
    const r = Math.max(t.length, x.shape.length);
    const out: Dim[] = [];
    for (let i = 0; i < r; i++) {
      const a = x.shape[x.shape.length - r + i] ?? 1,
        b = t[t.length - r + i] ?? 1;
      out.push(b === 1 ? a : b);
    }
    return [{ dtype: x.dtype, shape: out }];
  },
  Tile: (_n, [x, rp]) => {
    const r = ints(rp?.value);
    if (!x?.shape) return [same(x)];
    return [
      {
        dtype: x.dtype,
        shape: x.shape.map((d, i) => (r ? (typeof d === 'number' ? d * r[i]! : r[i] === 1 ? d : null) : null)),
      },
    ];
  },
  Pad: (n, ins, ctx) => {
    const s = ins[0]?.shape;
    const pads = ctx.opset < 11 ? (n.ints('pads') ?? null) : ints(ins[1]?.value);
    if (!s) return [same(ins[0])];
    if (!pads) return [{ dtype: ins[0]!.dtype, shape: s.map(() => null) }];
    const axes =
      ctx.opset >= 18 && ins[3]?.value ? ints(ins[3].value)!.map((a) => norm(a, s.length)) : s.map((_, i) => i);
    const out = [...s];
    axes.forEach((a, i) => {
      const d = s[a];
      out[a] =
        typeof d === 'number'
          ? d + pads[i]! + pads[i + axes.length]!
          : pads[i]! + pads[i + axes.length]! === 0
            ? d!
            : null;
    });
    return [{ dtype: ins[0]!.dtype, shape: out }];
  },
  Resize: resize,
  Upsample: resize,
  Shape: (n, [x]) => {
    const r = x?.shape?.length;
    if (r === undefined) return [{ dtype: 'int64', shape: [null] }];
    let st = n.int('start', 0),
      en = n.int('end', r);
    if (st < 0) st += r;
    if (en < 0) en += r;
    return [{ dtype: 'int64', shape: [Math.max(0, Math.min(en, r) - Math.max(0, Math.min(st, r)))] }];
  },
  Size: () => [{ dtype: 'int64', shape: [] }],
  ConstantOfShape: (n, [s], ctx) => {
    const a = n.attr('value');
    const dtype = a && a.type === 'tensor' ? a.value.dtype : 'float32';
    const dims = ints(s?.value);
    return [
      {
        dtype,
        shape:
          dims ??
          (typeof s?.shape?.[0] === 'number'
            ? Array.from({ length: s.shape[0] }, () => ctx.fresh('const_of_shape'))
            : null),
      },
    ];
  },
  Range: (_n, [a], ctx) => [{ dtype: a?.dtype ?? null, shape: [ctx.fresh('range')] }],
  Constant: (n) => {
    const a = n.attrs.values().next().value;
    if (!a) return null;
    if (a.type === 'tensor') return [{ dtype: a.value.dtype, shape: [...a.value.dims] }];
    if (a.type === 'int') return [{ dtype: 'int64', shape: [] }];
    if (a.type === 'float') return [{ dtype: 'float32', shape: [] }];
    if (a.type === 'ints') return [{ dtype: 'int64', shape: [a.value.length] }];
    if (a.type === 'floats') return [{ dtype: 'float32', shape: [a.value.length] }];
    if (a.type === 'strings') return [{ dtype: 'string', shape: [a.value.length] }];
    if (a.type === 'string') return [{ dtype: 'string', shape: [] }];
    return null;
  },
  ArgMax: argFn,
  ArgMin: argFn,
  TopK: (n, [x, k]) => {
    const s = x?.shape;
    if (!s) return [same(x), { dtype: 'int64', shape: null }];
    const a = norm(n.int('axis', -1), s.length);
    const kv = ints(k?.value)?.[0] ?? n.int('k') ?? null;
    const out = s.map((d, i) => (i === a ? kv : d));
    return [
      { dtype: x!.dtype, shape: out },
      { dtype: 'int64', shape: out },
    ];
  },
  NonZero: (_n, [x], ctx) => [{ dtype: 'int64', shape: [x?.shape?.length ?? null, ctx.fresh('nonzero')] }],
  NonMaxSuppression: (_n, _i, ctx) => [{ dtype: 'int64', shape: [ctx.fresh('nms'), 3] }],
  Compress: (n, [x], ctx) => {
    const axis = n.int('axis');
    if (axis === undefined || !x?.shape) return [{ dtype: x?.dtype ?? null, shape: [ctx.fresh('compress')] }];
    const a = norm(axis, x.shape.length);
    return [{ dtype: x.dtype, shape: x.shape.map((d, i) => (i === a ? ctx.fresh('compress') : d)) }];
  },
  DepthToSpace: (n, [x]) => {
    const s = x?.shape,
      b = n.int('blocksize', 1);
    if (!s || s.length !== 4) return [same(x)];
    const m = (d: Dim, f: number, div = false): Dim => (typeof d === 'number' ? (div ? d / f : d * f) : null);
    return [{ dtype: x!.dtype, shape: [s[0]!, m(s[1]!, b * b, true), m(s[2]!, b), m(s[3]!, b)] }];
  },
  SpaceToDepth: (n, [x]) => {
    const s = x?.shape,
      b = n.int('blocksize', 1);
    if (!s || s.length !== 4) return [same(x)];
    const m = (d: Dim, f: number, div = false): Dim => (typeof d === 'number' ? (div ? d / f : d * f) : null);
    return [{ dtype: x!.dtype, shape: [s[0]!, m(s[1]!, b * b), m(s[2]!, b, true), m(s[3]!, b, true)] }];
  },
  OneHot: (n, [i, d, v]) => {
    const depth = ints(d?.value)?.[0] ?? null;
    if (!i?.shape) return [{ dtype: v?.dtype ?? null, shape: null }];
    const out = [...i.shape];
    out.splice(norm(n.int('axis', -1), i.shape.length + 1), 0, depth);
    return [{ dtype: v?.dtype ?? null, shape: out }];
  },
  EyeLike: (n, [x]) => [{ dtype: dtypeFromCode(n.int('dtype', 0)) ?? x?.dtype ?? null, shape: x?.shape ?? null }],
  LSTM: rnn(4),
  GRU: rnn(3),
  RNN: rnn(1),
  Einsum: (n, ins) => einsum(n, ins),
  ReduceSum: reduceFn,
  ReduceMean: reduceFn,
  ReduceMax: reduceFn,
  ReduceMin: reduceFn,
  ReduceProd: reduceFn,
  ReduceL1: reduceFn,
  ReduceL2: reduceFn,
  ReduceLogSum: reduceFn,
  ReduceLogSumExp: reduceFn,
  ReduceSumSquare: reduceFn,
  Det: (_n, [x]) => [{ dtype: x?.dtype ?? null, shape: x?.shape ? x.shape.slice(0, -2) : null }],
};

export type { ShapeContext };
