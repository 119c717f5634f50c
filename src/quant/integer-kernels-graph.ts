/**
 * The int8 Q/DQ graph rewritten to follow an integer CPU runtime's arithmetic (XNNPACK's, as TFLite/LiteRT run
 * it): the rewrites, in this order, then a topological sort. Returns what each rewrote.
 */
import type { Model } from '../ir/model.js';
import { integerAccumulatorGraph } from './integer-accumulator-graph.js';
import { integerAddGraph } from './integer-add-graph.js';

export interface IntegerKernelsResult {
  convolutions: number;
  additions: number;
}

export function integerKernelsGraph(model: Model): IntegerKernelsResult {
  const convolutions = integerAccumulatorGraph(model);
  const additions = integerAddGraph(model);
  model.graph.toposort();
  return { convolutions, additions };
}
