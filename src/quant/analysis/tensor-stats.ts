/**
 * Streaming statistics of one activation over the calibration samples: the exact range, the peak |x| of each
 * channel (axis 1), and a bounded subsample for the calibration algorithms that need the values themselves
 * (percentile, KL, MSE): from each sample an evenly strided share, at most SUBSAMPLE values in all.
 */
export const SUBSAMPLE = 65536;

export class TensorStats {
  lo = Infinity;
  hi = -Infinity;
  /** Largest |x| seen per channel (axis 1; one channel for rank < 2). */
  channelPeak: Float64Array | null = null;
  private readonly kept: number[] = [];
  private cached: Float32Array | null = null;
  constructor(private readonly perSample: number) {}

  add(data: Float32Array, dims: readonly number[]): void {
    this.cached = null;
    const channels = dims.length >= 2 ? (dims[1] ?? 1) : 1;
    const inner = dims.length >= 2 ? dims.slice(2).reduce((a, b) => a * b, 1) : data.length;
    this.channelPeak ??= new Float64Array(channels);
    const peak = this.channelPeak;
    let { lo, hi } = this;
    // the channel of element i is ⌊i / inner⌋ mod channels: walk runs of `inner` elements, the channel cycling
    const run = Math.max(1, channels === 1 ? data.length : inner);
    for (let start = 0, c = 0; start < data.length; start += run, c = c + 1 >= channels ? 0 : c + 1) {
      const end = Math.min(data.length, start + run);
      let p = peak[c]!;
      for (let i = start; i < end; i++) {
        const v = data[i]!;
        if (!Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        const a = Math.abs(v);
        if (a > p) p = a;
      }
      peak[c] = p;
    }
    this.lo = lo;
    this.hi = hi;
    const stride = Math.max(1, Math.floor(data.length / this.perSample));
    for (let i = Math.floor(stride / 2); i < data.length; i += stride)
      if (Number.isFinite(data[i]!)) this.kept.push(data[i]!);
  }

  /** The subsample with the exact extremes added (so clipping searches see the true range). */
  values(): Float32Array {
    if (this.cached) return this.cached;
    const extremes = this.lo <= this.hi ? [this.lo, this.hi] : [];
    const out = new Float32Array(this.kept.length + extremes.length);
    out.set(this.kept);
    out.set(extremes, this.kept.length);
    this.cached = out;
    return out;
  }
}

export function statsFor(samples: number): TensorStats {
  return new TensorStats(Math.max(1, Math.ceil(SUBSAMPLE / Math.max(1, samples))));
}
