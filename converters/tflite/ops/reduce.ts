/** Reductions over constant axes (ReducerOptions.keep_dims). */
import { attr } from '../../../src/ir/attr.js';
import { tensorToNumbers } from '../../../src/ir/typed-data.js';
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';
import { opt } from './options.js';

const REDUCE: Record<string, string> = { MEAN: 'ReduceMean', SUM: 'ReduceSum', REDUCE_MAX: 'ReduceMax' };

function reduce(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => {
    const axes = tensorToNumbers(c.constData(1)!);
    const attrs = new Map([
      ['axes', attr.ints(axes)],
      ['keepdims', attr.int(opt(c, 'keep_dims'))],
    ]);
    return c.node(onnxOp, [c.input(0)], attrs);
  };
}

export const reduceOps: TfliteOpTable = Object.fromEntries(
  Object.entries(REDUCE).map(([name, onnxOp]) => [name, reduce(onnxOp)]),
);
