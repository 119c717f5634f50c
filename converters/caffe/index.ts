import { extname } from 'node:path';
import type { Exporter, Importer } from '../converter.js';
import { readCaffe } from './import.js';
import { writeCaffe } from './export/index.js';

const TEXT_START = /^\s*(#[^\n]*\n\s*)*(name|layers?|input|input_shape|input_dim|force_backward|state)\s*[:{]/;

export const caffeImporter: Importer = {
  format: 'caffe',
  extensions: ['.prototxt', '.pt', '.caffemodel'],
  sniff: (head, path) =>
    ['.prototxt', '.caffemodel'].includes(extname(path).toLowerCase()) ||
    (extname(path).toLowerCase() !== '.onnx' && TEXT_START.test(new TextDecoder().decode(head.subarray(0, 2048)))),
  read: readCaffe,
};

export const caffeExporter: Exporter = { format: 'caffe', write: writeCaffe };
