import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import { isStaticShape, numel } from '../ir/shape.js';
import { costFamilyOf } from './op-costs/index.js';
import type { Dims } from './op-costs/cost-family.js';
import { newParameters } from './parameters.js';
import { storedBytes, type Precision } from './precision.js';

/** What one node costs. Byte counts are at the profiled precision; null where a shape is not static. */
export interface NodeCost {
  node: Node;
  family: string;
  macs: number | null;
  otherOps: number | null;
  params: number;
  weightBytes: number;
  activationReadBytes: number | null;
  activationWriteBytes: number | null;
  /** Operations (2 per MAC + other ops) per byte moved (activations read and written, weights read). */
  intensity: number | null;
}

function dimsOf(v: Value | null): Dims {
  return v && isStaticShape(v.shape) ? v.shape : null;
}

function activationBytes(values: (Value | null)[], precision: Precision | null): number | null {
  let total = 0;
  for (const v of values) {
    if (!v || v.data) continue;
    const dims = dimsOf(v);
    if (!dims) return null;
    total += storedBytes(v.dtype, numel(dims), precision);
  }
  return total;
}

/** What a node's cost is made of whatever the precision: its arithmetic and the values whose bytes count. */
export interface CostBasis {
  node: Node;
  family: string;
  arithmetic: { macs: number; otherOps: number } | null;
  /** Weights this node is the first to read (shared weights count once). */
  parameters: Value[];
}

/** The basis of `node`'s cost; `counted` holds the parameters earlier nodes already counted. */
export function costBasis(node: Node, counted: Set<Value>): CostBasis {
  const family = costFamilyOf(node.op, node.domain);
  const arithmetic = family.cost(node, { inputs: node.inputs.map(dimsOf), outputs: node.outputs.map(dimsOf) });
  return { node, family: family.name, arithmetic, parameters: newParameters(node, counted) };
}

/** A node's cost at a precision (byte counts at that precision). */
export function costAt(basis: CostBasis, precision: Precision | null): NodeCost {
  const { node, arithmetic, parameters } = basis;
  const params = parameters.reduce((sum, v) => sum + v.data!.count, 0);
  const weightBytes = parameters.reduce((sum, v) => sum + storedBytes(v.data!.dtype, v.data!.count, precision), 0);
  const read = activationBytes(node.inputs, precision);
  const write = activationBytes(node.outputs, precision);
  const ops = arithmetic ? 2 * arithmetic.macs + arithmetic.otherOps : null;
  const moved = read !== null && write !== null ? read + write + weightBytes : null;
  return {
    node,
    family: basis.family,
    macs: arithmetic?.macs ?? null,
    otherOps: arithmetic?.otherOps ?? null,
    params,
    weightBytes,
    activationReadBytes: read,
    activationWriteBytes: write,
    intensity: ops !== null && moved ? ops / moved : null,
  };
}
