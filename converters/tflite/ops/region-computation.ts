/**
 * The combining function a StableHLO scatter or reduce_window names by subgraph index, recognised when it is
 * one commutative binary op on the two scalar arguments (or, for scatter, returns the update unchanged).
 */
import type { TflSubgraph } from '../read-model.js';

export type Combiner = 'add' | 'mul' | 'max' | 'min' | 'replace';

const BINARY: Record<string, Combiner> = {
  STABLEHLO_ADD: 'add',
  STABLEHLO_MULTIPLY: 'mul',
  STABLEHLO_MAXIMUM: 'max',
  STABLEHLO_MINIMUM: 'min',
  MAXIMUM: 'max',
  MINIMUM: 'min',
};

/** The combiner subgraph `sg` computes from (accumulated, new), or null when it is anything else. */
export function combinerOf(sg: TflSubgraph | null): Combiner | null {
  if (!sg || sg.inputs.length !== 2 || sg.outputs.length !== 1) return null;
  const [first, second] = sg.inputs as [number, number];
  const out = sg.outputs[0]!;
  if (sg.operators.length === 0) return out === second ? 'replace' : null;
  if (sg.operators.length !== 1) return null;
  const op = sg.operators[0]!;
  const args = [...op.inputs].sort().join();
  if (op.outputs[0] !== out || args !== [first, second].sort().join()) return null;
  return BINARY[op.op] ?? null;
}
