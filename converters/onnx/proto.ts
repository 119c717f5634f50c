/**
 * onnx-proto's static protobufjs code (onnx.proto as of ONNX 1.10), kept for the test helpers that decode
 * the ONNX test suite's TensorProto files. The converter itself reads and writes ONNX with its own wire
 * codec driven by onnx-proto-fields.json (the current onnx.proto3); it does not import this module.
 */
import onnxProto from 'onnx-proto';
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';
export { num } from './proto-types.js';
