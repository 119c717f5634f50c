/** EMBEDDING_LOOKUP: rows of the table (input 1) at the ids (input 0): Gather on axis 0 (a quantized table dequantized). */
import { attr } from '../../../src/ir/attr.js';
import type { TfliteOpTable } from './op-context.js';

export const embeddingOps: TfliteOpTable = {
  EMBEDDING_LOOKUP: (c) => c.node('Gather', [c.input(1), c.input(0)], new Map([['axis', attr.int(0)]])),
};
