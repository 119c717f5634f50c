import { defineRewrite } from '../define.js';
import { Builder, replaceNode } from '../builder.js';
import { onlyUse, otherInput, removeAll } from '../fusion-match.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import { attr } from '../../ir/attr.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';

/** Per-channel values of a constant that broadcasts against [N, C, …] along C only (null otherwise). */
function perChannel(v: Value | null, rank: number, c: number): number[] | null {
  const t = v ? knownValue(v) : null;
  if (!t || t.dims.length > rank || t.dims.length < rank - 1) return null;
  const off = rank - t.dims.length;
  if (t.dims.some((d, j) => d !== (j + off === 1 ? c : 1))) return null;
  return tensorToNumbers(t);
}

/**
 * PyTorch's GroupNorm export — Reshape to [N, G, …], InstanceNormalization (per-group scale/bias), Reshape
 * back, then Mul γ and Add β per channel — → GroupNormalization(x, scale, bias; num_groups G, ε). Opset ≥ 21
 * takes per-channel scale/bias; 18–20 only per-group ones, so there the affine must be uniform in each group.
 */
export default defineRewrite({
  id: 'fuse-groupnorm',
  description: 'Reshape, InstanceNormalization, Reshape, Mul, Add → GroupNormalization',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__GroupNormalization.html',
  match(r1, ctx) {
    const g = ctx.graph;
    if (!r1 || r1.domain || r1.op !== 'Reshape' || ctx.opset < 18) return null;
    const x = r1.inputs[0]!,
      s = x.shape,
      gs = r1.outputs[0]!.shape;
    if (!s || s.length < 3 || s.some((d) => typeof d !== 'number') || !gs || typeof gs[1] !== 'number') return null;
    const c = s[1] as number,
      groups = gs[1] as number;
    if (gs[0] !== s[0] || c % groups !== 0) return null;
    const inorm = onlyUse(r1.outputs[0], g);
    if (!inorm || inorm.domain || inorm.op !== 'InstanceNormalization') return null;
    const sc = inorm.inputs[1] && knownValue(inorm.inputs[1]) ? tensorToNumbers(knownValue(inorm.inputs[1])!) : null;
    const bi = inorm.inputs[2] && knownValue(inorm.inputs[2]) ? tensorToNumbers(knownValue(inorm.inputs[2])!) : null;
    const r2 = onlyUse(inorm.outputs[0], g);
    if (
      !sc ||
      !bi ||
      sc.length !== groups ||
      bi.length !== groups ||
      !r2 ||
      r2.op !== 'Reshape' ||
      r2.outputs[0]!.shape?.join() !== s.join()
    )
      return null;
    const mul = onlyUse(r2.outputs[0], g);
    const gamma = mul?.op === 'Mul' && !mul.domain ? perChannel(otherInput(mul, r2.outputs[0]!), s.length, c) : null;
    const add = gamma ? onlyUse(mul!.outputs[0], g) : null;
    const beta = add?.op === 'Add' && !add.domain ? perChannel(otherInput(add, mul!.outputs[0]!), s.length, c) : null;
    const per = c / groups;
    const scale = Array.from({ length: c }, (_, k) => sc[Math.floor(k / per)]! * (gamma?.[k] ?? 1));
    const bias = Array.from({ length: c }, (_, k) => bi[Math.floor(k / per)]! * (gamma?.[k] ?? 1) + (beta?.[k] ?? 0));
    const uniform = (a: number[]): boolean => a.every((v, k) => v === a[Math.floor(k / per) * per]);
    if (ctx.opset < 21 && !(uniform(scale) && uniform(bias))) return null;
    const last = beta ? add! : gamma ? mul! : r2;
    const nodes = [r1, inorm, r2, ...(gamma ? [mul!] : []), ...(beta ? [add!] : [])].filter((n) => n !== last);
    const perGroup = ctx.opset < 21;
    return {
      nodes,
      last,
      x,
      groups,
      eps: inorm.float('epsilon', 1e-5),
      scale: perGroup ? scale.filter((_, k) => k % per === 0) : scale,
      bias: perGroup ? bias.filter((_, k) => k % per === 0) : bias,
    };
  },
  apply(
    {
      nodes,
      last,
      x,
      groups,
      eps,
      scale,
      bias,
    }: { nodes: Node[]; last: Node; x: Value; groups: number; eps: number; scale: number[]; bias: number[] },
    ctx,
  ) {
    const b = new Builder(ctx.graph, nodes[0]!, nodes[0]!.name || 'groupnorm');
    const dt = x.dtype ?? 'float32';
    const out = b.op(
      'GroupNormalization',
      [x, b.const('scale', dt, [scale.length], scale), b.const('bias', dt, [bias.length], bias)],
      new Map([
        ['num_groups', attr.int(groups)],
        ['epsilon', attr.float(eps)],
      ]),
    );
    replaceNode(ctx.graph, last, out);
    removeAll(ctx.graph, nodes);
    return b.created;
  },
});
