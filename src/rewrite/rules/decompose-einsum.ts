import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { attr } from '../../ir/attr.js';
import type { Dim } from '../../ir/shape.js';
import type { Value } from '../../ir/value.js';
import { axesOp } from '../axes-op.js';
import { parseEinsum, productLetters, type ProductLetters } from '../einsum-equation.js';

type Sizes = Map<string, Dim>;

/** x with letters `from` laid out as `to` (a Transpose unless already so). */
function permute(b: Builder, x: Value, from: string, to: string): Value {
  return from === to ? x : b.op('Transpose', [x], new Map([['perm', attr.ints([...to].map((c) => from.indexOf(c)))]]));
}
/** Sum out the letters of `term` that `keep` leaves out (ReduceSum, keepdims=0); returns the remaining term's value. */
function sumOut(b: Builder, opset: number, x: Value, term: string, keep: string): Value {
  const axes = [...term].flatMap((c, i) => (keep.includes(c) ? [] : [i]));
  return axes.length ? axesOp(b, opset, 'ReduceSum', x, axes, new Map([['keepdims', attr.int(0)]])) : x;
}
const unknown = (s: string, size: Sizes): number => [...s].filter((c) => typeof size.get(c) !== 'number').length;
/** The product of the letters' sizes, −1 when one is unknown. */
const merged = (s: string, size: Sizes): number =>
  unknown(s, size) ? -1 : [...s].reduce((p, c) => p * (size.get(c) as number), 1);
/** MatMul needs Reshapes when a group of letters has more than one; each Reshape may leave only one size unknown. */
const needsReshape = (p: ProductLetters): boolean => p.m.length > 1 || p.k.length > 1 || p.n.length > 1;
function reshapeable(p: ProductLetters, size: Sizes): boolean {
  const u = (s: string): number => (unknown(s, size) ? 1 : 0);
  return u(p.m) + u(p.k) <= 1 && u(p.k) + u(p.n) <= 1 && unknown(p.m + p.n, size) <= 1;
}

/**
 * Einsum (opset ≥ 12) with one or two operands, no ellipsis and no repeated letter within a term →
 * Transpose / ReduceSum for one operand; for two, ReduceSum of the letters only one operand has, then
 * Mul (with Unsqueezes to line up broadcasting) when nothing is contracted, else MatMul over the layout
 * [batch…, m, k] × [batch…, k, n] reached by Transposes (several m letters stay leading axes over a
 * right operand [k, n]; Reshapes only to merge several letters into one axis otherwise, Unsqueeze/Squeeze for a missing m or n beside batch letters), and a Transpose to the output order.
 */
export default defineRewrite({
  id: 'decompose-einsum',
  description: 'Einsum → Transpose, ReduceSum, Mul or MatMul (Reshape only to merge axes)',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Einsum.html',
  match(n, ctx) {
    if (!n || n.domain || n.op !== 'Einsum' || ctx.opset < 12 || !n.outputs[0]) return null;
    const eq = parseEinsum(n.str('equation', ''));
    if (!eq || eq.inputs.length > 2 || eq.inputs.length !== n.inputs.length) return null;
    const size: Sizes = new Map();
    for (const [i, term] of eq.inputs.entries()) {
      const s = n.inputs[i]?.shape;
      if (!s || s.length !== term.length) return null;
      for (const [j, c] of [...term].entries()) {
        const d = s[j]!,
          prev = size.get(c);
        if (d === 0 || (typeof prev === 'number' && typeof d === 'number' && prev !== d)) return null;
        if (typeof prev !== 'number') size.set(c, d);
      }
    }
    if (eq.inputs.length === 2) {
      const p = productLetters(eq.inputs[0]!, eq.inputs[1]!, eq.output);
      if (p.k && needsReshape(p) && !reshapeable(p, size)) return null;
    }
    return { n, eq, size };
  },
  apply({ n, eq, size }, ctx) {
    const b = new Builder(ctx.graph, n, n.name || 'einsum');
    const out = eq.output,
      opset = ctx.opset;
    const [x0, x1] = n.inputs as Value[];
    let y: Value, order: string;
    if (!x1) {
      const t = eq.inputs[0]!;
      y = sumOut(b, opset, x0!, t, out);
      order = [...t].filter((c) => out.includes(c)).join('');
    } else {
      const p = productLetters(eq.inputs[0]!, eq.inputs[1]!, out);
      const a = sumOut(b, opset, x0!, eq.inputs[0]!, p.a),
        c = sumOut(b, opset, x1, eq.inputs[1]!, p.b);
      if (!p.k) {
        // elementwise / outer product: each operand in output order, size-1 axes for the letters it lacks (leading ones broadcast anyway)
        const lift = (v: Value, t: string): Value => {
          const own = [...out].filter((l) => t.includes(l)).join('');
          const first = own ? out.indexOf(own[0]!) : -1;
          const axes = first < 0 ? [] : [...out].flatMap((l, i) => (i > first && !t.includes(l) ? [i - first] : []));
          const u = permute(b, v, t, own);
          return axes.length ? axesOp(b, opset, 'Unsqueeze', u, axes) : u;
        };
        y = b.op('Mul', [lift(a, p.a), lift(c, p.b)]);
        order = out;
      } else {
        const nb = p.batch.length;
        let l = permute(b, a, p.a, p.batch + p.m + p.k),
          r = permute(b, c, p.b, p.batch + p.k + p.n);
        order = p.batch + p.m + p.n;
        if (!nb && p.k.length === 1 && p.n.length <= 1 && p.m.length > 1) {
          // [m…, k] × [k, n]: MatMul broadcasts a 2-D (or 1-D) right operand over the left's leading letters
          y = b.op('MatMul', [l, r]);
        } else if (needsReshape(p)) {
          const shape = (name: string, dims: number[]): Value =>
            b.const(name, 'int64', [nb + dims.length], [...new Array<number>(nb).fill(0), ...dims]);
          l = b.op('Reshape', [l, shape('lhs_shape', [merged(p.m, size), merged(p.k, size)])]);
          r = b.op('Reshape', [r, shape('rhs_shape', [merged(p.k, size), merged(p.n, size)])]);
          const dims = [...(p.m + p.n)].map((ch) => size.get(ch)).map((d) => (typeof d === 'number' ? d : -1));
          y = b.op('Reshape', [b.op('MatMul', [l, r]), shape('out_shape', dims)]);
        } else if (nb && (!p.m || !p.n)) {
          // beside batch axes MatMul needs both matrices 2-D: a size-1 m or n axis, squeezed afterwards
          if (!p.m) l = axesOp(b, opset, 'Unsqueeze', l, [nb]);
          if (!p.n) r = axesOp(b, opset, 'Unsqueeze', r, [nb + 1]);
          y = axesOp(b, opset, 'Squeeze', b.op('MatMul', [l, r]), [...(p.m ? [] : [nb]), ...(p.n ? [] : [nb + 1])]);
        } else {
          y = b.op('MatMul', [l, r]); // without batch letters MatMul's 1-D rules cover a missing m or n
        }
      }
    }
    y = permute(b, y, order, out);
    replaceNode(ctx.graph, n, y === x0 ? b.op('Identity', [y]) : y);
    return b.created;
  },
});
