import { extname } from 'node:path';
import type { Exporter, Importer } from '../converter.js';
import { readOnnx } from './import.js';
import { writeOnnx } from './export.js';

/**
 * ONNX has no magic number: a ModelProto usually starts with field 1 (ir_version, varint, tag 0x08)
 * and the file name ends in .onnx.
 */
export const onnxImporter: Importer = {
  format: 'onnx',
  extensions: ['.onnx', '.pb'],
  sniff: (head, path) =>
    extname(path).toLowerCase() === '.onnx' ||
    (head[0] === 0x08 && head.length > 2 && head[1]! < 0x20 && head[2] === 0x12 && extname(path) === ''),
  read: readOnnx,
};

export const onnxExporter: Exporter = { format: 'onnx', write: writeOnnx };
