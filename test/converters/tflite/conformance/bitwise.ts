/** Conformance cases: RIGHT_SHIFT, BITWISE_XOR and STABLEHLO_SHIFT_LEFT over signed and unsigned types. */
import type { ConformanceCase, InputFill } from '../../../helpers/tflite-conformance.js';
import { singleOpModel as one, type TflTensorSpec } from '../../../helpers/tflite-builder.js';
import { ints } from './tensors.js';

const int = (type: string, shape: number[]): TflTensorSpec => ({ type, shape });
function op(builtin: string, name: string, type: string, fills: InputFill[]): ConformanceCase {
  const n = (fills[0]!.data ?? { length: 12 }).length;
  const model = one({ op: builtin, inputs: [int(type, [n]), int(type, [n])], outputs: [int(type, [n])] });
  return { builtin, name, model, fills };
}

/** Extremes, signs, and shift amounts below 0, inside and past the width. */
const X32 = [-100, -7, -1, 5, 1000, -2147483648, 2147483647, -9, 77, -77, 3, 0];
const S32 = [-3, 0, 1, 2, 31, 32, 40, 33, 3, 35, -1, 4];

export const bitwiseCases: ConformanceCase[] = [
  op('RIGHT_SHIFT', 'int32, amounts clamped', 'INT32', [{ data: X32 }, { data: S32 }]),
  op('RIGHT_SHIFT', 'int8', 'INT8', [{ data: ints(12, -128, 128, 2) }, { data: ints(12, -2, 10, 3) }]),
  op('RIGHT_SHIFT', 'uint8', 'UINT8', [{ data: ints(12, 0, 256, 4) }, { data: ints(12, 0, 9, 5) }]),
  op('BITWISE_XOR', 'int32 extremes', 'INT32', [{ data: X32 }, { data: [...S32.slice(0, 11), -2147483648] }]),
  op('BITWISE_XOR', 'int8', 'INT8', [{ data: ints(12, -128, 128, 6) }, { data: ints(12, -128, 128, 7) }]),
  op('BITWISE_XOR', 'uint8', 'UINT8', [{ data: ints(12, 0, 256, 8) }, { data: ints(12, 0, 256, 9) }]),
  op('STABLEHLO_SHIFT_LEFT', 'int32, every amount', 'INT32', [{ data: X32 }, { data: S32 }]),
];
