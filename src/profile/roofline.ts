import type { HardwareDef } from '../check/target-types.js';
import type { NodeCost } from './node-cost.js';
import type { Precision } from './precision.js';

export type Bound = 'compute' | 'memory' | 'unknown';

/** One layer under the roofline: time at peak compute, time at peak bandwidth, and which one bounds it. */
export interface LayerEstimate {
  computeSeconds: number | null;
  memorySeconds: number | null;
  bound: Bound;
}

/** A latency range: the sum of per-layer max(compute, memory) to the sum of compute + memory (no overlap). */
export interface LatencyRange {
  lowSeconds: number | null;
  highSeconds: number | null;
}

/** Peak operations per second at a precision, or null when the chip's figure is not public. */
export function peakOpsPerSecond(hw: HardwareDef | null, precision: Precision): number | null {
  const tops = hw?.peakTops[precision];
  return tops ? tops * 1e12 : null;
}

export function estimateLayer(cost: NodeCost, hw: HardwareDef | null, precision: Precision): LayerEstimate {
  const peak = peakOpsPerSecond(hw, precision);
  const ops = cost.macs !== null && cost.otherOps !== null ? 2 * cost.macs + cost.otherOps : null;
  const bytes =
    cost.activationReadBytes !== null && cost.activationWriteBytes !== null
      ? cost.activationReadBytes + cost.activationWriteBytes + cost.weightBytes
      : null;
  const computeSeconds = peak && ops !== null ? ops / peak : null;
  const memorySeconds = hw?.memoryGBs && bytes !== null ? bytes / (hw.memoryGBs * 1e9) : null;
  return { computeSeconds, memorySeconds, bound: boundOf(computeSeconds, memorySeconds) };
}

function boundOf(compute: number | null, memory: number | null): Bound {
  if (compute === null || memory === null) return 'unknown';
  return compute >= memory ? 'compute' : 'memory';
}

/**
 * The model's latency range on the accelerator from its layers' estimates. A side that is unknown for any layer
 * leaves that end of the range unknown, except that compute alone still gives the low end (a lower bound).
 */
export function latencyRange(layers: LayerEstimate[]): LatencyRange {
  let compute = 0,
    low = 0,
    high = 0;
  let computeKnown = true,
    memoryKnown = true;
  for (const l of layers) {
    if (l.computeSeconds === null) computeKnown = false;
    if (l.memorySeconds === null) memoryKnown = false;
    compute += l.computeSeconds ?? 0;
    low += Math.max(l.computeSeconds ?? 0, l.memorySeconds ?? 0);
    high += (l.computeSeconds ?? 0) + (l.memorySeconds ?? 0);
  }
  if (!computeKnown) return { lowSeconds: null, highSeconds: null };
  if (!memoryKnown) return { lowSeconds: compute, highSeconds: null };
  return { lowSeconds: low, highSeconds: high };
}
