/**
 * Ops that combine or place rows by index: ADD_N, SEGMENT_SUM, UNSORTED_SEGMENT_{SUM,PROD,MAX,MIN},
 * BUCKETIZE, REVERSE_SEQUENCE, UNIQUE.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';
import { opt, optFloats } from './options.js';
import { ints64 } from './int-constants.js';
import { onnxTypeCode } from './dtype.js';

const toInt64 = (c: OpCtx, v: Value): Value =>
  v.dtype === 'int64' ? v : c.node('Cast', [v], new Map([['to', attr.int(7)]]))[0]!;

/**
 * Segment reductions: mask[s, i] = (ids[i] == s) over the output's S segments; the data's leading axis is
 * reduced where the mask holds (an empty segment gives the reduction's identity, as TFLite: 0 for sum,
 * 1 for prod, the type's lowest/highest for max/min).
 */
function segment(kind: 'sum' | 'prod' | 'max' | 'min'): TfliteImporter {
  return (c: OpCtx) => {
    const data = c.input(0)!,
      x = c.shapeOf(0),
      segments = c.outShapeOf(0)[0]!;
    const rest = x.slice(1);
    const ids = toInt64(c, c.input(1)!);
    const range = c.constant('segments', 'int64', [segments, 1], [...Array(segments).keys()]);
    const mask = c.node('Equal', [range, ids])[0]!; // [S, N]
    const maskN = c.node('Reshape', [mask, ints64(c, 'mask_shape', [segments, x[0]!, ...rest.map(() => 1)])])[0]!;
    const dtype = data.dtype ?? 'float32';
    const [lowest, highest] =
      dtype === 'int32' ? [-2147483648, 2147483647] : [-3.4028234663852886e38, 3.4028234663852886e38];
    const fillValue = { sum: 0, prod: 1, max: lowest, min: highest }[kind];
    const filled = c.node('Where', [maskN, data, c.constant('identity', dtype, [], [fillValue])])[0]!;
    const op = { sum: 'ReduceSum', prod: 'ReduceProd', max: 'ReduceMax', min: 'ReduceMin' }[kind];
    if (op === 'ReduceSum') return c.node(op, [filled, ints64(c, 'axes', [1])], new Map([['keepdims', attr.int(0)]]));
    return c.node(
      op,
      [filled],
      new Map([
        ['axes', attr.ints([1])],
        ['keepdims', attr.int(0)],
      ]),
    );
  };
}

/**
 * SEGMENT_SUM(data, ids): ids sorted and contiguous from 0, so the output has last id + 1 rows (computed at
 * run time); row s sums the data rows whose id is s, as the unsorted segment sum over that many segments.
 */
function segmentSum(c: OpCtx): Value[] {
  const data = c.input(0)!,
    rest = c.shapeOf(0).slice(1);
  const ids = toInt64(c, c.input(1)!);
  const last = c.node('ReduceMax', [ids], new Map([['keepdims', attr.int(0)]]))[0]!;
  const one = c.constant('one', 'int64', [], [1]);
  const segments = c.node('Range', [c.constant('zero', 'int64', [], [0]), c.node('Add', [last, one])[0]!, one])[0]!;
  const column = c.node('Unsqueeze', [segments, ints64(c, 'column', [1])])[0]!;
  const mask = c.node('Equal', [column, ids])[0]!; // [S, N]
  const maskN = rest.length
    ? c.node('Unsqueeze', [
        mask,
        ints64(
          c,
          'row_axes',
          rest.map((_, i) => i + 2),
        ),
      ])[0]!
    : mask;
  const filled = c.node('Where', [maskN, data, c.constant('identity', data.dtype ?? 'float32', [], [0])])[0]!;
  return c.node('ReduceSum', [filled, ints64(c, 'axes', [1])], new Map([['keepdims', attr.int(0)]]));
}

/** BUCKETIZE: the number of boundaries ≤ x (boundaries sorted), as int32. */
function bucketize(c: OpCtx): Value[] {
  const floats = optFloats(c, 'boundaries');
  const x = c.node('Unsqueeze', [c.input(0), ints64(c, 'axes', [-1])])[0]!;
  const ge = c.node('GreaterOrEqual', [x, c.constant('boundaries', 'float32', [floats.length], floats)])[0]!;
  const count = c.node(
    'ReduceSum',
    [c.node('Cast', [ge], new Map([['to', attr.int(6)]]))[0]!, ints64(c, 'sum_axes', [-1])],
    new Map([['keepdims', attr.int(0)]]),
  )[0]!;
  return [count];
}

function reverseSequence(c: OpCtx): Value[] {
  const attrs = new Map([
    ['batch_axis', attr.int(opt(c, 'batch_dim'))],
    ['time_axis', attr.int(opt(c, 'seq_dim'))],
  ]);
  return c.node('ReverseSequence', [c.input(0), toInt64(c, c.input(1)!)], attrs);
}

/** UNIQUE: ONNX Unique unsorted gives TF's first-occurrence order and the inverse indices. */
function unique(c: OpCtx): Value[] {
  const outs = c.node('Unique', [c.input(0)], new Map([['sorted', attr.int(0)]]), '', 4);
  const idx =
    c.outTypeOf(1) === 'INT64'
      ? outs[2]!
      : c.node('Cast', [outs[2]!], new Map([['to', attr.int(onnxTypeCode(c.outTypeOf(1)))]]))[0]!;
  return [outs[0]!, idx];
}

export const segmentOps: TfliteOpTable = {
  ADD_N: (c) =>
    c.node(
      'Sum',
      c.op.inputs.map((_, i) => c.input(i)),
    ),
  SEGMENT_SUM: segmentSum,
  UNSORTED_SEGMENT_SUM: segment('sum'),
  UNSORTED_SEGMENT_PROD: segment('prod'),
  UNSORTED_SEGMENT_MAX: segment('max'),
  UNSORTED_SEGMENT_MIN: segment('min'),
  BUCKETIZE: bucketize,
  REVERSE_SEQUENCE: reverseSequence,
  UNIQUE: unique,
};
