/** Ops whose `axes` moved from an attribute to input 1, and the opset where that happened (ONNX operator changelog). */
import type { Value } from '../ir/value.js';
import { attr, type Attrs } from '../ir/attr.js';
import type { Builder } from './builder.js';

const REDUCE_18 = [
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceMax',
  'ReduceMean',
  'ReduceMin',
  'ReduceProd',
  'ReduceSumSquare',
];
export const AXES_INPUT_SINCE: Record<string, number> = {
  Squeeze: 13,
  Unsqueeze: 13,
  ReduceSum: 13,
  ...Object.fromEntries(REDUCE_18.map((op) => [op, 18])),
};

/** `op(x)` over `axes` in the form the opset takes: input 1 from AXES_INPUT_SINCE[op] on, the `axes` attribute before. */
export function axesOp(
  b: Builder,
  opset: number,
  op: string,
  x: Value,
  axes: number[],
  attrs: Attrs = new Map(),
): Value {
  if (opset >= AXES_INPUT_SINCE[op]!) return b.op(op, [x, b.const(`${op}_axes`, 'int64', [axes.length], axes)], attrs);
  return b.op(op, [x], new Map([...attrs, ['axes', attr.ints(axes)]]));
}
