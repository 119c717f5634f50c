/** Every Caffe conformance case, in one list (the suite runs it; the completeness test reads what it covers). */
import type { ConformanceCase } from './conformance-harness.js';
import { BVLC_CASES } from './conformance-cases.js';
import { FORK_CASES } from './conformance-fork-cases.js';
import { REFERENCE_CASES } from './conformance-reference-cases.js';

export const CASES: ConformanceCase[] = [...BVLC_CASES, ...REFERENCE_CASES, ...FORK_CASES];
