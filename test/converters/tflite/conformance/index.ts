/** Every TFLite conformance case, by family, in one explicit list. */
import type { ConformanceCase } from '../../../helpers/tflite-conformance.js';
import { nnCases } from './nn.js';

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [...nnCases];
