/**
 * Weight-range diagnostics of one layer: how unequal its output channels' ranges are (max/median of per-channel
 * max |w|: what a per-tensor scale must stretch over), the share of channels a per-tensor 8-bit grid leaves with
 * fewer than 8 levels, and the weight error under the target's own scheme.
 */
import { quantError, type QuantError } from './error-metrics.js';
import type { QuantScheme } from './scheme.js';
import { channelBlocks, fakeQuantWeight } from './weight-quant.js';

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
  /** The weight already fake-quantized under `scheme` (fakeQuantWeight), when the caller has it. */
  fakeQuantized?: Float32Array,
): WeightDiagnostics {
  const { outer, channels, inner } = channelBlocks(dims, axis);
  const peak = new Array<number>(channels).fill(0);
  for (let o = 0; o < outer; o++)
    for (let c = 0; c < channels; c++) {
      const start = (o * channels + c) * inner;
      let p = peak[c]!;
      for (let i = start; i < start + inner; i++) p = Math.max(p, Math.abs(data[i] as number));
      peak[c] = p;
    }
  const top = Math.max(...peak);
  const mid = median(peak);
  return {
    channels,
    channelOutlierRatio: mid > 0 ? top / mid : top > 0 ? Infinity : 1,
    starvedChannels: peak.filter((p) => p < (8 / 127) * top).length,
    error: quantError(data, fakeQuantized ?? fakeQuantWeight(data, dims, axis, scheme)),
  };
}
