/** Reductions over constant axes (ReducerOptions.keep_dims), ARG_MAX and ARG_MIN. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';
import { opt } from './options.js';
import { constInts, ints64 } from './int-constants.js';
import { onnxTypeCode } from './dtype.js';

const REDUCE: Record<string, string> = {
  MEAN: 'ReduceMean',
  SUM: 'ReduceSum',
  REDUCE_PROD: 'ReduceProd',
  REDUCE_MAX: 'ReduceMax',
  REDUCE_MIN: 'ReduceMin',
};
/** Opset 13+: ReduceSum takes its axes as an input, the others (until opset 18) as an attribute. */
const AXES_AS_INPUT = new Set(['ReduceSum']);

function reduceValue(c: OpCtx, onnxOp: string, x: Value): Value | null {
  const axes = constInts(c, 1);
  if (!axes) return null;
  if (!axes.length) return c.node('Identity', [x])[0]!; // TF: no axes, nothing reduced
  const keep = attr.int(opt(c, 'keep_dims'));
  if (AXES_AS_INPUT.has(onnxOp)) return c.node(onnxOp, [x, ints64(c, 'axes', axes)], new Map([['keepdims', keep]]))[0]!;
  return c.node(
    onnxOp,
    [x],
    new Map([
      ['axes', attr.ints(axes)],
      ['keepdims', keep],
    ]),
  )[0]!;
}

function reduce(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => {
    const y = reduceValue(c, onnxOp, c.input(0)!);
    return y ? [y] : null;
  };
}

/** REDUCE_ANY / REDUCE_ALL: max / min over the booleans as int32, back to bool. */
function reduceBool(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => {
    const asInt = c.node('Cast', [c.input(0)], new Map([['to', attr.int(6)]]))[0]!;
    const y = reduceValue(c, onnxOp, asInt);
    return y ? c.node('Cast', [y], new Map([['to', attr.int(9)]])) : null;
  };
}

function argReduce(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => {
    const axis = constInts(c, 1);
    if (!axis) return null;
    const attrs = new Map([
      ['axis', attr.int(axis[0]!)],
      ['keepdims', attr.int(0)],
    ]);
    const y = c.node(onnxOp, [c.input(0)], attrs)[0]!;
    return c.outTypeOf(0) === 'INT64'
      ? [y]
      : c.node('Cast', [y], new Map([['to', attr.int(onnxTypeCode(c.outTypeOf(0)))]]));
  };
}

export const reduceOps: TfliteOpTable = {
  ...Object.fromEntries(Object.entries(REDUCE).map(([name, onnxOp]) => [name, reduce(onnxOp)])),
  REDUCE_ANY: reduceBool('ReduceMax'),
  REDUCE_ALL: reduceBool('ReduceMin'),
  ARG_MAX: argReduce('ArgMax'),
  ARG_MIN: argReduce('ArgMin'),
};
