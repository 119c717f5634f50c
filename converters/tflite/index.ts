import type { Importer } from '../converter.js';
import { readTfliteModel } from './import.js';

/** TFLite flatbuffers carry the file identifier 'TFL3' at bytes 4..8. */
export const tfliteImporter: Importer = {
  format: 'tflite',
  extensions: ['.tflite'],
  sniff: (head) => head.length >= 8 && head[4] === 0x54 && head[5] === 0x46 && head[6] === 0x4c && head[7] === 0x33,
  read: readTfliteModel,
};
