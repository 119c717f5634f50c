import type { Exporter, Importer } from '../converter.js';
import { readNcnn } from './import.js';
import { writeNcnn } from './export.js';

/** An ncnn .param starts with the magic number 7767517 on its first line. */
export const ncnnImporter: Importer = {
  format: 'ncnn',
  extensions: ['.param'],
  sniff: (head) => /^\s*7767517\s*\n/.test(new TextDecoder().decode(head.subarray(0, 16))),
  read: readNcnn,
};
export const ncnnExporter: Exporter = { format: 'ncnn', write: writeNcnn };
