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

/** The cost of `node`; `counted` holds the parameters earlier nodes already counted (shared weights count once). */
export function nodeCost(node: Node, precision: Precision | null, counted: Set<Value>): NodeCost {
  const family = costFamilyOf(node.op, node.domain);
  const arithmetic = family.cost(node, { inputs: node.inputs.map(dimsOf), outputs: node.outputs.map(dimsOf) });
  const parameters = newParameters(node, counted);
  const params = parameters.reduce((sum, v) => sum + v.data!.count, 0);
  const weightBytes = parameters.reduce((sum, v) => sum + storedBytes(v.data!.dtype, v.data!.count, precision), 0);
  const read = activationBytes(node.inputs, precision);
  const write = activationBytes(node.outputs, precision);
  const ops = arithmetic ? 2 * arithmetic.macs + arithmetic.otherOps : null;
  const moved = read !== null && write !== null ? read + write + weightBytes : null;
  return {
    node,
    family: family.name,
    macs: arithmetic?.macs ?? null,
    otherOps: arithmetic?.otherOps ?? null,
    params,
    weightBytes,
    activationReadBytes: read,
    activationWriteBytes: write,
    intensity: ops !== null && moved ? ops / moved : null,
  };
}
