/** InnerProduct (axis, transpose, bias_term) as Flatten + Gemm; Embed (a table lookup) as Gather + Add. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { canonicalAxis, param, product } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

function innerProduct(c: LayerCtx): Value[] {
  const p = param(c, 'inner_product_param');
  const s = c.shape(c.inputs[0]!);
  const axis = canonicalAxis(p.num('axis') ?? 1, s?.length ?? 4);
  const nout = p.num('num_output') ?? 0;
  const k = s ? product(s.slice(axis)) : 0;
  const transpose = p.bool('transpose') ?? false;
  const flat = c.node('Flatten', [c.inputs[0]!], new Map([['axis', attr.int(axis)]]))[0]!;
  const w = c.weight(0, transpose ? [k, nout] : [nout, k], 'weight');
  const b = p.bool('bias_term') === false ? null : c.weight(1, [nout], 'bias');
  const y = c.node('Gemm', [flat, w, b], new Map([['transB', attr.int(transpose ? 0 : 1)]]))[0]!;
  if (!s || axis === 1) return [y];
  // Caffe keeps the leading axes: [d0 … d(axis−1), num_output]
  const dims = [...s.slice(0, axis), nout];
  return c.node('Reshape', [y, c.constant('shape', 'int64', [dims.length], dims)]);
}

/** Embed: output = table[index] (+ bias), shape = input shape + [num_output]. */
function embed(c: LayerCtx): Value[] {
  const p = param(c, 'embed_param');
  const nout = p.num('num_output') ?? 0;
  const table = c.weight(0, [p.num('input_dim') ?? 0, nout], 'table');
  const ids = c.node('Cast', [c.inputs[0]!], new Map([['to', attr.int(7)]]))[0]!;
  const rows = c.node('Gather', [table, ids], new Map([['axis', attr.int(0)]]))[0]!;
  if (p.bool('bias_term') === false) return [rows];
  return c.node('Add', [rows, c.weight(1, [nout], 'bias')]);
}

export const INNER_PRODUCT_OPS: CaffeLayerOp[] = [
  { types: ['InnerProduct'], import: innerProduct },
  { types: ['Embed'], import: embed },
];
