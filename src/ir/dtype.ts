/** Element types of the IR, named as ONNX names them (lower case), with their ONNX TensorProto codes. */
export type DType =
  | 'float32'
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'string'
  | 'bool'
  | 'float16'
  | 'float64'
  | 'uint32'
  | 'uint64'
  | 'complex64'
  | 'complex128'
  | 'bfloat16'
  | 'float8e4m3fn'
  | 'float8e4m3fnuz'
  | 'float8e5m2'
  | 'float8e5m2fnuz'
  | 'uint4'
  | 'int4'
  | 'float4e2m1'
  | 'float8e8m0'
  | 'uint2'
  | 'int2';

interface DTypeInfo {
  code: number;
  bits: number;
}

/** ONNX TensorProto.DataType codes (onnx.proto) and storage width in bits (0 = variable, strings). */
export const DTYPES: Record<DType, DTypeInfo> = {
  float32: { code: 1, bits: 32 },
  uint8: { code: 2, bits: 8 },
  int8: { code: 3, bits: 8 },
  uint16: { code: 4, bits: 16 },
  int16: { code: 5, bits: 16 },
  int32: { code: 6, bits: 32 },
  int64: { code: 7, bits: 64 },
  string: { code: 8, bits: 0 },
  bool: { code: 9, bits: 8 },
  float16: { code: 10, bits: 16 },
  float64: { code: 11, bits: 64 },
  uint32: { code: 12, bits: 32 },
  uint64: { code: 13, bits: 64 },
  complex64: { code: 14, bits: 64 },
  complex128: { code: 15, bits: 128 },
  bfloat16: { code: 16, bits: 16 },
  float8e4m3fn: { code: 17, bits: 8 },
  float8e4m3fnuz: { code: 18, bits: 8 },
  float8e5m2: { code: 19, bits: 8 },
  float8e5m2fnuz: { code: 20, bits: 8 },
  uint4: { code: 21, bits: 4 },
  int4: { code: 22, bits: 4 },
  float4e2m1: { code: 23, bits: 4 },
  float8e8m0: { code: 24, bits: 8 },
  uint2: { code: 25, bits: 2 },
  int2: { code: 26, bits: 2 },
};

const BY_CODE = new Map<number, DType>(Object.entries(DTYPES).map(([k, v]) => [v.code, k as DType]));

export function dtypeFromCode(code: number): DType | undefined {
  return BY_CODE.get(code);
}
export function dtypeCode(dtype: DType): number {
  return DTYPES[dtype].code;
}

/** Bytes needed to store `count` elements (sub-byte types pack, rounding up). */
export function byteSize(dtype: DType, count: number): number {
  return Math.ceil((DTYPES[dtype].bits * count) / 8);
}

export function isFloat(d: DType): boolean {
  return (
    d === 'float32' ||
    d === 'float16' ||
    d === 'float64' ||
    d === 'bfloat16' ||
    d.startsWith('float8') ||
    d === 'float4e2m1'
  );
}
export function isInteger(d: DType): boolean {
  return /^u?int\d+$/.test(d);
}
