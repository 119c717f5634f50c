/** TFLite tensor types as IR dtypes and ONNX type codes (for Cast's `to`). */
import { dtypeCode, type DType } from '../../../src/ir/dtype.js';
import { TFL_DTYPE } from '../tensor-data.js';

export function irType(tflType: string): DType {
  const d = TFL_DTYPE[tflType];
  if (!d) throw new Error(`TFLite type ${tflType} has no IR dtype`);
  return d;
}
export const onnxTypeCode = (tflType: string): number => dtypeCode(irType(tflType));
