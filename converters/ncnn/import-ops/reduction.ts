/** ncnn import: Reduction over axes. */
import { attr } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';
import { ncnnTable } from '../ncnn-table.js';

function importReduction(ctx: NcnnImportCtx): void {
  const { l, x, file, P, A, node, set } = ctx;
  const ops = Object.fromEntries(
    Object.entries(ncnnTable().layers.Reduction!.enums!.operation!).map(([k, v]) => [v, k]),
  );
  const op = (
    { SUM: 'ReduceSum', MEAN: 'ReduceMean', MAX: 'ReduceMax', MIN: 'ReduceMin', PROD: 'ReduceProd' } as Record<
      string,
      string
    >
  )[ops[P(l, 'operation', 0)]!];
  if (!op)
    throw new InputError(file, `layer ${l.name}: Reduction operation ${P(l, 'operation', 0)} is not read by convcheck`);
  set(
    node(
      op,
      [x],
      new Map([
        ['axes', attr.ints(A(l, 'axes').map((a) => a + 1))],
        ['keepdims', attr.int(P(l, 'keepdims', 0))],
      ]),
    ),
  );
}

export const reductionLayers: NcnnLayerTable = {
  Reduction: importReduction,
};
