/**
 * SQNR and cosine over several samples: the sums of quantError taken over the samples' values together, and per
 * output channel: the mean over channels of each channel's SQNR (a channel whose float values are all zero is left
 * out; an exact channel counts as CHANNEL_CEILING_DB). A layer whose one huge channel hides the loss of the others
 * keeps a high overall SQNR but a low channel mean.
 */
import type { QuantError } from '../error-metrics.js';

export const CHANNEL_CEILING_DB = 100;

export interface LayerError extends QuantError {
  /** Mean over output channels of each channel's SQNR in dB. */
  channelSqnrDb: number;
}

const sqnr = (xx: number, dd: number): number =>
  dd === 0 ? Infinity : xx === 0 ? -Infinity : 20 * Math.log10(Math.sqrt(xx) / Math.sqrt(dd));

export class QuantErrorSum {
  private xx = 0;
  private yy = 0;
  private xy = 0;
  private dd = 0;
  private channelXx: Float64Array | null = null;
  private channelDd: Float64Array | null = null;

  /** Add one sample: x the float values, y the quantized run's; channels along `axis` of `dims` when given. */
  add(x: ArrayLike<number>, y: ArrayLike<number>, dims?: readonly number[], axis?: number): void {
    const n = Math.min(x.length, y.length);
    const channels = dims && axis !== undefined ? (dims[axis] ?? 1) : 1;
    const inner = Math.max(1, dims && axis !== undefined ? dims.slice(axis + 1).reduce((a, b) => a * b, 1) : n);
    this.channelXx ??= new Float64Array(channels);
    this.channelDd ??= new Float64Array(channels);
    const cxx = this.channelXx;
    const cdd = this.channelDd;
    // the channel of element i is ⌊i / inner⌋ mod channels: walk runs of `inner` elements, the channel cycling
    const perChannel = cxx.length === channels;
    let { xx, yy, xy, dd } = this;
    for (let start = 0, c = 0; start < n; start += inner, c = c + 1 === channels ? 0 : c + 1) {
      const end = Math.min(n, start + inner);
      for (let i = start; i < end; i++) {
        const a = x[i] as number;
        const b = y[i] as number;
        const d = (a - b) * (a - b);
        xx += a * a;
        yy += b * b;
        xy += a * b;
        dd += d;
        if (perChannel) {
          cxx[c]! += a * a;
          cdd[c]! += d;
        }
      }
    }
    Object.assign(this, { xx, yy, xy, dd });
  }

  result(): LayerError {
    const { xx, yy, xy, dd } = this;
    const cosine = xx === 0 || yy === 0 ? (xx === yy ? 1 : 0) : xy / Math.sqrt(xx * yy);
    let sum = 0;
    let counted = 0;
    const cxx = this.channelXx ?? new Float64Array(0);
    for (let c = 0; c < cxx.length; c++) {
      if (cxx[c] === 0) continue;
      sum += Math.min(CHANNEL_CEILING_DB, sqnr(cxx[c]!, this.channelDd![c]!));
      counted++;
    }
    return { sqnrDb: sqnr(xx, dd), cosine, channelSqnrDb: counted ? sum / counted : sqnr(xx, dd) };
  }
}
