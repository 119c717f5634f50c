import type { ShapeFn } from './types.js';
import { broadcast, same } from './types.js';

const bin: ShapeFn = (_n, ins) => [
  { dtype: ins[0]?.dtype ?? ins[1]?.dtype ?? null, shape: broadcast(ins.map((i) => i?.shape ?? null)) },
];
const cmp: ShapeFn = (_n, ins) => [{ dtype: 'bool', shape: broadcast(ins.map((i) => i?.shape ?? null)) }];
const unary: ShapeFn = (_n, ins) => [same(ins[0])];

export const ELEMENTWISE: Record<string, ShapeFn> = {};
for (const op of [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Mod',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'PRelu',
  'BitShift',
  'BitwiseAnd',
  'BitwiseOr',
  'BitwiseXor',
])
  ELEMENTWISE[op] = bin;
for (const op of ['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor'])
  ELEMENTWISE[op] = cmp;
for (const op of [
  'Relu',
  'LeakyRelu',
  'Sigmoid',
  'Tanh',
  'Exp',
  'Log',
  'Sqrt',
  'Abs',
  'Neg',
  'Reciprocal',
  'Floor',
  'Ceil',
  'Round',
  'Sign',
  'Erf',
  'Sin',
  'Cos',
  'Tan',
  'Asin',
  'Acos',
  'Atan',
  'Sinh',
  'Cosh',
  'Asinh',
  'Acosh',
  'Atanh',
  'Elu',
  'Selu',
  'Celu',
  'HardSigmoid',
  'HardSwish',
  'Softplus',
  'Softsign',
  'ThresholdedRelu',
  'Mish',
  'Gelu',
  'Clip',
  'Identity',
  'Dropout',
  'Softmax',
  'LogSoftmax',
  'Hardmax',
  'BitwiseNot',
  'LRN',
  'InstanceNormalization',
  'MeanVarianceNormalization',
  'Shrink',
  'CumSum',
  'LpNormalization',
  'Swish',
  'Trilu',
  'ReverseSequence',
  'Scatter',
  'ScatterElements',
  'ScatterND',
  'Einsum_',
  'GroupNormalization',
  'Binarizer',
])
  ELEMENTWISE[op] = unary;
ELEMENTWISE.Not = cmp;
ELEMENTWISE.IsNaN = cmp;
ELEMENTWISE.IsInf = cmp;
ELEMENTWISE.Where = (_n, ins) => [
  { dtype: ins[1]?.dtype ?? ins[2]?.dtype ?? null, shape: broadcast(ins.map((i) => i?.shape ?? null)) },
];
ELEMENTWISE.Dropout = (_n, ins) => [same(ins[0]), { dtype: 'bool', shape: ins[0]?.shape ?? null }];
ELEMENTWISE.BatchNormalization = (n, ins) => [same(ins[0]), ...n.outputs.slice(1).map(() => same(ins[1]))];
ELEMENTWISE.LayerNormalization = (n, ins) => {
  const s = ins[0]?.shape;
  const axis = n.int('axis', -1);
  const stat = s ? s.map((d, i) => (i < (axis < 0 ? axis + s.length : axis) ? d : 1)) : null;
  return [
    same(ins[0]),
    { dtype: n.int('stash_type', 1) === 1 ? 'float32' : (ins[0]?.dtype ?? null), shape: stat },
    { dtype: 'float32', shape: stat },
  ];
};
ELEMENTWISE.Cast = (n, ins) => [{ dtype: castType(n.int('to', 1)), shape: ins[0]?.shape ?? null }];
ELEMENTWISE.CastLike = (_n, ins) => [{ dtype: ins[1]?.dtype ?? null, shape: ins[0]?.shape ?? null }];
ELEMENTWISE.QuantizeLinear = (n, ins) => [
  { dtype: ins[2]?.dtype ?? castType(n.int('output_dtype', 2)), shape: ins[0]?.shape ?? null },
];
ELEMENTWISE.DequantizeLinear = (_n, ins) => [{ dtype: ins[1]?.dtype ?? 'float32', shape: ins[0]?.shape ?? null }];
ELEMENTWISE.DynamicQuantizeLinear = (_n, ins) => [
  { dtype: 'uint8', shape: ins[0]?.shape ?? null },
  { dtype: 'float32', shape: [] },
  { dtype: 'uint8', shape: [] },
];

import { dtypeFromCode, type DType } from '../ir/dtype.js';
function castType(code: number): DType | null {
  return dtypeFromCode(code) ?? null;
}
