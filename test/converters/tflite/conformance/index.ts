/** Every TFLite conformance case, by family, in one explicit list. */
import type { ConformanceCase } from '../../../helpers/tflite-conformance.js';
import { nnCases } from './nn.js';
import { elementwiseCases } from './elementwise.js';
import { dataMovementCases } from './data-movement.js';
import { segmentCases } from './segment.js';
import { indexedWriteCases } from './indexed-writes.js';
import { stablehloCases } from './stablehlo.js';
import { bitwiseCases } from './bitwise.js';

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  ...nnCases,
  ...elementwiseCases,
  ...dataMovementCases,
  ...segmentCases,
  ...indexedWriteCases,
  ...stablehloCases,
  ...bitwiseCases,
];
