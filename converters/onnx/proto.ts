/** The ONNX protobuf messages (onnx-proto's static protobufjs code, onnx.proto as of ONNX 1.10). */
import onnxProto from 'onnx-proto';
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';

/** int64 fields decode as Long objects (or numbers); JS numbers are what the IR uses. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}
