/** Eltwise (SUM with coefficients, PROD, MAX) and SENet's Axpy (a·x + y with a of shape N,C,1,1). */
import type { Value } from '../../../src/ir/value.js';
import { param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

function eltwise(c: LayerCtx): Value[] {
  const p = param(c, 'eltwise_param');
  const op = p.str('operation') ?? 'SUM';
  if (op === 'PROD') {
    let acc = c.inputs[0]!;
    for (const v of c.inputs.slice(1)) acc = c.node('Mul', [acc, v])[0]!;
    return [acc];
  }
  if (op === 'MAX') return c.node('Max', c.inputs);
  const coeffs = p.nums('coeff');
  const term = (v: Value, i: number): Value =>
    coeffs.length && coeffs[i] !== 1 ? c.node('Mul', [v, c.constant(`coeff${i}`, 'float32', [], [coeffs[i]!])])[0]! : v;
  return c.node('Sum', c.inputs.map(term));
}

/** Axpy (hujie-frank/SENet axpy_layer.cpp): bottoms a [N,C,1,1], x, y [N,C,H,W]; top = a·x + y. */
function axpy(c: LayerCtx): Value[] {
  const [a, x, y] = c.inputs as [Value, Value, Value];
  return c.node('Add', [c.node('Mul', [a, x])[0]!, y]);
}

export const ELTWISE_OPS: CaffeLayerOp[] = [
  { types: ['Eltwise'], import: eltwise },
  { types: ['Axpy'], import: axpy },
];
