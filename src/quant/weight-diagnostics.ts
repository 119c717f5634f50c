/**
 * Weight-range diagnostics of one layer: how unequal its output channels' ranges are (max/median of per-channel
 * max |w|: what a per-tensor scale must stretch over), the share of channels a per-tensor 8-bit grid leaves with
 * fewer than 8 levels, and the weight error under the target's own scheme.
 */
import { quantError, type QuantError } from './error-metrics.js';
import type { QuantScheme } from './scheme.js';
import { fakeQuantWeight } from './weight-quant.js';

export interface WeightDiagnostics {
  channels: number;
  /** max over channels of max |w| divided by the median channel's max |w| (1 = even). */
  channelOutlierRatio: number;
  /** Channels whose max |w| is under 8/127 of the largest (fewer than 8 levels on a shared 8-bit grid). */
  starvedChannels: number;
  /** The weight quantized under the scheme against the float weight. */
  error: QuantError;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function weightDiagnostics(
  data: ArrayLike<number>,
  dims: readonly number[],
  axis: number,
  scheme: QuantScheme,
): WeightDiagnostics {
  const channels = dims[axis] ?? 1;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const peak = new Array<number>(channels).fill(0);
  for (let i = 0; i < data.length; i++) {
    const c = Math.floor(i / inner) % channels;
    peak[c] = Math.max(peak[c]!, Math.abs(data[i] as number));
  }
  const top = Math.max(...peak);
  const mid = median(peak);
  return {
    channels,
    channelOutlierRatio: mid > 0 ? top / mid : top > 0 ? Infinity : 1,
    starvedChannels: peak.filter((p) => p < (8 / 127) * top).length,
    error: quantError(data, fakeQuantWeight(data, dims, axis, scheme)),
  };
}
