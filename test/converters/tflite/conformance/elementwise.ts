/** Conformance cases: unary and binary math, comparisons, logic, activations (float32; int8 where TFLite has kernels). */
import type { ConformanceCase, InputFill } from '../../../helpers/tflite-conformance.js';
import { singleOpModel as one, type TflTensorSpec, type TflOptionValue } from '../../../helpers/tflite-builder.js';
import { bool, f32, i32, q8, values } from './tensors.js';

const S = [2, 3, 4];
function unary(
  builtin: string,
  range: [number, number] = [-2, 2],
  options?: Record<string, TflOptionValue>,
): ConformanceCase {
  return {
    builtin,
    name: `float U(${range})`,
    model: one({ op: builtin, inputs: [f32(S)], outputs: [f32(S)], options }),
    fills: [{ range }],
  };
}
function unaryQ(
  builtin: string,
  out: TflTensorSpec,
  version = 2,
  options?: Record<string, TflOptionValue>,
): ConformanceCase {
  return {
    builtin,
    name: 'int8',
    model: one({ op: builtin, version, inputs: [q8(S, 1 / 32, 0)], outputs: [out], options }),
    fills: [{ range: [-3.9, 3.9] }],
  };
}
function binary(
  builtin: string,
  name: string,
  a: TflTensorSpec,
  b: TflTensorSpec,
  out: TflTensorSpec,
  options?: Record<string, TflOptionValue>,
  fills?: InputFill[],
  version?: number,
): ConformanceCase {
  return { builtin, name, model: one({ op: builtin, inputs: [a, b], outputs: [out], options, version }), fills };
}

const floatBinary = (builtin: string, fills?: InputFill[], act = 'NONE'): ConformanceCase[] => [
  binary(
    builtin,
    `float broadcast [2,3,4]×[4]${act === 'NONE' ? '' : ` ${act}`}`,
    f32(S),
    f32([4]),
    f32(S),
    act === 'NONE' ? undefined : { fused_activation_function: act },
    fills,
  ),
];
const compare = (builtin: string): ConformanceCase[] => [
  binary(builtin, 'float broadcast', f32(S), f32([1, 3, 1]), bool(S), undefined, [
    { data: values(24).map((v) => Math.round(v * 2) / 2) },
    { data: [-0.5, 0, 0.5] },
  ]),
  binary(builtin, 'int32', i32(S), i32(S), bool(S), undefined, [{ range: [0, 3] }, { range: [0, 3] }]),
];

export const elementwiseCases: ConformanceCase[] = [
  ...[
    'ABS',
    'NEG',
    'FLOOR',
    'CEIL',
    'SIGN',
    'SIN',
    'COS',
    'TANH',
    'LOGISTIC',
    'RELU',
    'RELU6',
    'RELU_N1_TO_1',
    'RELU_0_TO_1',
    'ELU',
    'HARD_SWISH',
    'SQUARE',
    'EXP',
  ].map((op) => unary(op)),
  unary('ROUND', [-3, 3]),
  {
    builtin: 'ROUND',
    name: 'float halves round to even',
    model: one({ op: 'ROUND', inputs: [f32([8])], outputs: [f32([8])] }),
    fills: [{ data: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.49] }],
  },
  unary('LOG', [0.01, 5]),
  unary('SQRT', [0, 5]),
  unary('RSQRT', [0.05, 5]),
  unary('GELU', [-3, 3]),
  unary('GELU', [-3, 3], { approximate: true }),
  unary('LEAKY_RELU', [-2, 2], { alpha: 0.3 }),
  unaryQ('RELU', q8(S, 1 / 32, -128)),
  unaryQ('RELU6', q8(S, 6 / 255, -128)),
  unaryQ('LOGISTIC', q8(S, 1 / 256, -128)),
  unaryQ('TANH', q8(S, 1 / 128, 0)),
  unaryQ('HARD_SWISH', q8(S, 1 / 32, -20), 1),
  unaryQ('LEAKY_RELU', q8(S, 1 / 32, 0), 2, { alpha: 0.25 }),
  unaryQ('ABS', q8(S, 1 / 32, -128), 4),
  {
    builtin: 'LOGICAL_NOT',
    name: 'bool',
    model: one({ op: 'LOGICAL_NOT', inputs: [bool(S)], outputs: [bool(S)] }),
    fills: [{ range: [0, 2] }],
  },
  {
    builtin: 'ZEROS_LIKE',
    name: 'float',
    model: one({ op: 'ZEROS_LIKE', inputs: [f32(S)], outputs: [f32(S)] }),
  },
  {
    builtin: 'ZEROS_LIKE',
    name: 'int32',
    model: one({ op: 'ZEROS_LIKE', inputs: [i32(S)], outputs: [i32(S)] }),
  },
  {
    builtin: 'CAST',
    name: 'float → int32 (truncates)',
    model: one({
      op: 'CAST',
      inputs: [f32(S)],
      outputs: [i32(S)],
      options: { in_data_type: 'FLOAT32', out_data_type: 'INT32' },
    }),
    fills: [{ range: [-5, 5] }],
  },
  {
    builtin: 'CAST',
    name: 'int32 → float',
    model: one({ op: 'CAST', inputs: [i32(S)], outputs: [f32(S)] }),
    fills: [{ range: [-100, 100] }],
  },
  ...floatBinary('ADD', undefined, 'RELU6'),
  ...floatBinary('SUB', undefined, 'RELU'),
  ...floatBinary('MUL', undefined, 'RELU_N1_TO_1'),
  ...floatBinary('DIV', [{ range: [-2, 2] }, { range: [0.5, 2] }], 'NONE'),
  ...floatBinary('MAXIMUM'),
  ...floatBinary('MINIMUM'),
  ...floatBinary('POW', [{ range: [0.1, 3] }, { range: [-2, 2] }]),
  ...floatBinary('SQUARED_DIFFERENCE'),
  ...floatBinary('FLOOR_DIV', [{ range: [-8, 8] }, { data: [-3, -1.5, 2, 0.75] }]),
  ...floatBinary('FLOOR_MOD', [{ range: [-8, 8] }, { data: [-3, -1.5, 2, 0.75] }]),
  binary('ATAN2', 'float, all quadrants', f32(S), f32(S), f32(S), undefined, [{ range: [-2, 2] }, { range: [-2, 2] }]),
  binary('FLOOR_DIV', 'int32', i32(S), i32([4]), i32(S), undefined, [{ range: [-20, 20] }, { data: [-3, -2, 3, 7] }]),
  binary('FLOOR_MOD', 'int32', i32(S), i32([4]), i32(S), undefined, [{ range: [-20, 20] }, { data: [-3, -2, 3, 7] }]),
  binary('ADD', 'int32', i32(S), i32(S), i32(S), undefined, [{ range: [-100, 100] }, { range: [-100, 100] }]),
  binary('MUL', 'int32', i32(S), i32([4]), i32(S), undefined, [{ range: [-100, 100] }, { range: [-100, 100] }]),
  binary(
    'ADD',
    'int8 different scales',
    q8(S, 1 / 64, 3),
    q8([4], 1 / 32, -2),
    q8(S, 1 / 16, 0),
    undefined,
    undefined,
    2,
  ),
  binary('SUB', 'int8', q8(S, 1 / 64, 3), q8(S, 1 / 32, -2), q8(S, 1 / 16, 0), undefined, undefined, 2),
  binary('MUL', 'int8', q8(S, 1 / 64, 3), q8(S, 1 / 32, -2), q8(S, 1 / 128, 0), undefined, undefined, 2),
  binary('MAXIMUM', 'int8', q8(S, 1 / 64, 0), q8(S, 1 / 64, 0), q8(S, 1 / 64, 0), undefined, undefined, 2),
  binary('MINIMUM', 'int8', q8(S, 1 / 64, 0), q8(S, 1 / 64, 0), q8(S, 1 / 64, 0), undefined, undefined, 2),
  binary(
    'SQUARED_DIFFERENCE',
    'int8',
    q8(S, 1 / 64, 0),
    q8(S, 1 / 64, 0),
    q8(S, 1 / 64, -128),
    undefined,
    undefined,
    2,
  ),
  binary('LOGICAL_AND', 'bool', bool(S), bool([4]), bool(S), undefined, [{ range: [0, 2] }, { data: [0, 1, 1, 0] }]),
  binary('LOGICAL_OR', 'bool', bool(S), bool([4]), bool(S), undefined, [{ range: [0, 2] }, { data: [0, 1, 1, 0] }]),
  ...['EQUAL', 'NOT_EQUAL', 'LESS', 'LESS_EQUAL', 'GREATER', 'GREATER_EQUAL'].flatMap(compare),
  {
    builtin: 'PRELU',
    name: 'float per-channel alpha [1,1,C]',
    model: one({
      op: 'PRELU',
      inputs: [f32([1, 3, 4, 5]), f32([1, 1, 5], values(5, 0, 0.5))],
      outputs: [f32([1, 3, 4, 5])],
    }),
  },
  {
    builtin: 'PRELU',
    name: 'int8',
    model: one({
      op: 'PRELU',
      inputs: [q8([1, 3, 4, 5], 1 / 64, 0), q8([1, 1, 5], 1 / 256, 0, [10, 20, 30, 40, 64])],
      outputs: [q8([1, 3, 4, 5], 1 / 64, 0)],
    }),
  },
];
