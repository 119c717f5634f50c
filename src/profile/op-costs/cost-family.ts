import type { Node } from '../../ir/node.js';

/** Static dims of a value, or null when any dim is symbolic/unknown. */
export type Dims = number[] | null;

/** What one node costs in arithmetic, by the counting conventions in `docs/profile.md`. */
export interface ArithmeticCost {
  /** Multiply-accumulates of convolutions, matrix products and recurrent gates (the papers' and torchvision's MACs). */
  macs: number;
  /** Every other arithmetic operation (elementwise, normalisation, pooling comparisons, bias adds), counted apart. */
  otherOps: number;
}

/** Cost rules of one op family: the ops it covers and how to count them from static shapes. */
export interface CostFamily {
  name: string;
  ops: readonly string[];
  /** null when a needed shape is not static. */
  cost(node: Node, io: NodeShapes): ArithmeticCost | null;
}

export interface NodeShapes {
  inputs: Dims[];
  outputs: Dims[];
}

export function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}
