import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';
import { spatialPadBefore } from '../pad-match.js';
import { scalarOf } from '../fusion-match.js';
import type { Node } from '../../ir/node.js';

/** Producers whose output is never negative, so a zero pad never wins a max over a window with real data. */
function nonNegative(n: Node | null | undefined): boolean {
  if (!n || n.domain) return false;
  if (n.op === 'Relu' || n.op === 'Sigmoid' || n.op === 'Softplus' || n.op === 'Abs' || n.op === 'HardSigmoid')
    return true;
  if (n.op !== 'Clip') return false;
  const min = n.inputs[1] ? scalarOf(n.inputs[1]) : n.attrs.has('min') ? n.float('min') : null;
  return min !== null && min !== undefined && min >= 0;
}

/**
 * A constant Pad of the spatial axes right before a pool → the pool's own pads (ceil_mode 0 only: with ceil
 * rounding a window starting in pool padding is dropped, one starting in a Pad's output is not).
 * AveragePool: a zero Pad becomes pads with count_include_pad = 1 (the padded zeros count in the mean).
 * MaxPool: exact when the pad value is −∞, or 0 on a non-negative input with every window keeping a real
 * element (each side's total pad below the kernel, no dilation) — pool padding is ignored, a 0 never wins.
 */
export default defineRewrite({
  id: 'fuse-pad-into-pool',
  description: 'constant Pad of spatial axes → the following MaxPool/AveragePool’s pads',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__MaxPool.html',
  match(pool, ctx) {
    if (!pool || pool.domain || (pool.op !== 'MaxPool' && pool.op !== 'AveragePool')) return null;
    if (pool.str('auto_pad', 'NOTSET') !== 'NOTSET' || pool.int('ceil_mode', 0) !== 0 || pool.outputs[1]) return null;
    const sp = spatialPadBefore(pool, ctx.graph);
    if (!sp) return null;
    const s = sp.begin.length,
      kernel = pool.ints('kernel_shape') ?? [];
    const old = pool.ints('pads') ?? new Array<number>(2 * s).fill(0);
    const pads = old.map((v, i) => v + (i < s ? sp.begin[i]! : sp.end[i - s]!));
    if (kernel.length !== s) return null;
    if (pool.op === 'AveragePool') {
      if (sp.value !== 0 || (old.some((v) => v) && pool.int('count_include_pad', 0) !== 1)) return null;
      return { pool, pad: sp.pad, pads };
    }
    const dilated = (pool.ints('dilations') ?? []).some((d) => d !== 1);
    const minusInf = sp.value === -Infinity || sp.value <= -3.4028234663852886e38;
    const zeroOnNonNegative =
      sp.value === 0 && !dilated && nonNegative(sp.pad.inputs[0]?.producer) && pads.every((p, i) => p < kernel[i % s]!);
    return minusInf || zeroOnNonNegative ? { pool, pad: sp.pad, pads } : null;
  },
  apply({ pool, pad, pads }, ctx) {
    const mid = pad.outputs[0]!;
    ctx.graph.setInput(pool, 0, pad.inputs[0]!);
    pool.attrs.set('pads', attr.ints(pads));
    if (pool.op === 'AveragePool') pool.attrs.set('count_include_pad', attr.int(1));
    ctx.graph.removeNode(pad);
    ctx.graph.dropValue(mid);
    return [pool.name];
  },
});
