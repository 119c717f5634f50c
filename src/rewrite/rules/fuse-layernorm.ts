import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { near, onlyUse, otherInput, removeAll, scalarOf } from '../fusion-match.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import { attr } from '../../ir/attr.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';

const meanAxes = (n: Node): number[] | null =>
  n.op === 'ReduceMean' && n.int('keepdims', 1) === 1
    ? (n.ints('axes') ?? (n.inputs[1] && knownValue(n.inputs[1]) ? tensorToNumbers(knownValue(n.inputs[1])!) : null))
    : null;

/**
 * The written-out layer norm over trailing axes — d = x − mean(x); d / √(mean(d²) + ε) · γ (+ β) — →
 * LayerNormalization(x, γ, β; axis, ε) (opset ≥ 17, or any opset for an exporter). γ and β must be constants
 * shaped like the normalised axes (leading 1s allowed).
 */
export default defineRewrite({
  id: 'fuse-layernorm',
  description: 'ReduceMean, Sub, Pow/Mul, ReduceMean, Add, Sqrt, Div, Mul, Add → LayerNormalization',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__LayerNormalization.html',
  match(m1, ctx) {
    const g = ctx.graph;
    if (!m1 || m1.domain || (ctx.opset < 17 && !ctx.options.forExport)) return null;
    const axes = meanAxes(m1),
      x = m1.inputs[0],
      r = x?.shape?.length;
    if (!axes || !x || !r) return null;
    const norm = axes.map((a) => (a + r) % r).sort((a, b) => a - b);
    if (norm.some((a, i) => a !== r - norm.length + i)) return null; // trailing axes only
    const sub = onlyUse(m1.outputs[0], g);
    if (!sub || sub.op !== 'Sub' || sub.inputs[0] !== x || sub.inputs[1] !== m1.outputs[0]) return null;
    const d = sub.outputs[0]!;
    if (d.consumers.length !== 2 || g.outputs.includes(d)) return null;
    const sq = d.consumers.find(
      (c) =>
        (c.op === 'Pow' && near(scalarOf(c.inputs[1]), 2)) ||
        (c.op === 'Mul' && c.inputs[0] === d && c.inputs[1] === d),
    );
    const div = d.consumers.find((c) => c !== sq);
    if (!sq || !div || div.op !== 'Div' || div.inputs[0] !== d) return null;
    const m2 = onlyUse(sq.outputs[0], g);
    if (
      !m2 ||
      meanAxes(m2)
        ?.map((a) => (a + r) % r)
        .sort()
        .join() !== norm.join()
    )
      return null;
    const addEps = onlyUse(m2.outputs[0], g),
      eps = addEps?.op === 'Add' ? scalarOf(otherInput(addEps, m2.outputs[0]!)) : null;
    const sqrt = addEps ? onlyUse(addEps.outputs[0], g) : null;
    if (
      eps === null ||
      !sqrt ||
      sqrt.op !== 'Sqrt' ||
      div.inputs[1] !== sqrt.outputs[0] ||
      sqrt.outputs[0]!.consumers.length !== 1
    )
      return null;
    const mul = onlyUse(div.outputs[0], g);
    const gamma = mul?.op === 'Mul' ? otherInput(mul, div.outputs[0]!) : null;
    const tail = x.shape!.slice(r - norm.length).join();
    // shaped like the normalised axes, possibly with leading 1s (a constant made rank-equal for broadcasting)
    const fits = (v: Value | null): boolean => {
      const dims = v ? knownValue(v)?.dims : undefined;
      return (
        !!dims &&
        dims.length >= norm.length &&
        dims.slice(dims.length - norm.length).join() === tail &&
        dims.slice(0, dims.length - norm.length).every((d) => d === 1)
      );
    };
    if (!mul || !fits(gamma)) return null;
    const add = onlyUse(mul.outputs[0], g);
    const beta = add?.op === 'Add' ? otherInput(add, mul.outputs[0]!) : null;
    const last = add && fits(beta) ? add : mul;
    return {
      nodes: [m1, sub, sq, m2, addEps!, sqrt, div, ...(last === add ? [mul] : [])],
      last,
      x,
      gamma: gamma!,
      beta: last === add ? beta : null,
      axis: r - norm.length,
      eps,
    };
  },
  apply(
    {
      nodes,
      last,
      x,
      gamma,
      beta,
      axis,
      eps,
    }: { nodes: Node[]; last: Node; x: Value; gamma: Value; beta: Value | null; axis: number; eps: number },
    ctx,
  ) {
    const b = new Builder(ctx.graph, nodes[0]!, `${nodes[0]!.name || 'ReduceMean'}_layernorm`);
    const tail = (x.shape ?? []).slice(axis) as number[];
    const trim = (v: Value | null): Value | null =>
      !v || knownValue(v)!.dims.length === tail.length
        ? v
        : b.const(v.name, knownValue(v)!.dtype, tail, tensorToNumbers(knownValue(v)!));
    [gamma, beta] = [trim(gamma)!, trim(beta)];
    const out = ctx.graph.newValue(`${last.name || 'layernorm'}_out`);
    const n = ctx.graph.addNode(
      {
        op: 'LayerNormalization',
        name: ctx.graph.uniqueNodeName(`${nodes[0]!.name || 'ReduceMean'}_layernorm`),
        inputs: [x, gamma, beta],
        outputs: [out],
        attrs: new Map([
          ['axis', attr.int(axis)],
          ['epsilon', attr.float(eps)],
        ]),
      },
      nodes[0],
    );
    replaceNode(ctx.graph, last, out);
    removeAll(ctx.graph, nodes);
    return [n.name];
  },
});
