/** ncnn import: Embed, InnerProduct and MatMul. */
import { attr } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

function importEmbed(ctx: NcnnImportCtx): void {
  const { l, x, g, file, P, konst, weights, node, set } = ctx;
  // ncnn reads the ids blob as int32 and clamps each id into the table
  if (!g.inputs.includes(x))
    throw new InputError(
      file,
      `layer ${l.name}: Embed ids computed by another layer (ncnn reinterprets their float bits) are not read by convcheck`,
    );
  x.dtype = 'int32';
  const d = P(l, 'num_output', 0),
    v = P(l, 'input_dim', 0);
  if (P(l, 'weight_data_size', 0) !== v * d)
    throw new InputError(
      file,
      `layer ${l.name}: Embed weight_data_size ${P(l, 'weight_data_size', 0)} is not input_dim ${v} × num_output ${d}`,
    );
  const table = konst(`${l.name}/weight`, 'float32', [v, d], weights(l, v * d, true));
  const ids = node(
    'Clip',
    [x, konst(`${l.name}/min`, 'int32', [], [0]), konst(`${l.name}/max`, 'int32', [], [v - 1])],
    new Map(),
    `${l.tops[0]}/ids`,
  );
  const rows = node(
    'Gather',
    [table, ids],
    new Map([['axis', attr.int(0)]]),
    P(l, 'bias_term', 0) ? `${l.tops[0]}/rows` : l.tops[0],
  );
  if (P(l, 'bias_term', 0)) set(node('Add', [rows, konst(`${l.name}/bias`, 'float32', [d], weights(l, d, false))]));
  else set(rows);
}

function importInnerProduct(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, weights, shape, node, set } = ctx;
  const nout = P(l, 'num_output', 0),
    size = P(l, 'weight_data_size', 0);
  const w = weights(l, size, true),
    b = P(l, 'bias_term', 0) ? weights(l, nout, false) : null;
  const r = shape(x).length;
  if (r === 3) {
    const wt = new Float32Array(size),
      k = size / nout;
    for (let o = 0; o < nout; o++) for (let i = 0; i < k; i++) wt[i * nout + o] = w[o * k + i]!;
    const y = node(
      'MatMul',
      [x, konst(`${l.name}/weight`, 'float32', [k, nout], wt)],
      new Map(),
      b ? `${l.tops[0]}/matmul` : l.tops[0],
    );
    set(b ? node('Add', [y, konst(`${l.name}/bias`, 'float32', [nout], b)]) : y);
  } else {
    const a = r === 2 ? x : node('Flatten', [x], new Map([['axis', attr.int(1)]]), `${l.tops[0]}/flat`);
    set(
      node(
        'Gemm',
        [
          a,
          konst(`${l.name}/weight`, 'float32', [nout, size / nout], w),
          b ? konst(`${l.name}/bias`, 'float32', [nout], b) : null,
        ],
        new Map([['transB', attr.int(1)]]),
      ),
    );
  }
}

function importMatMul(ctx: NcnnImportCtx): void {
  const { l, ins, x, file, P, node, set } = ctx;
  if (P(l, 'transB', 0)) throw new InputError(file, `layer ${l.name}: MatMul transB is not read by convcheck`);
  set(node('MatMul', [x, ins[1]!]));
}

export const denseLayers: NcnnLayerTable = {
  Embed: importEmbed,
  InnerProduct: importInnerProduct,
  MatMul: importMatMul,
};
