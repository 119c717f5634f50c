/** SQNR and cosine over several samples: the sums of quantError taken over the samples' values together. */
import type { QuantError } from '../error-metrics.js';

export class QuantErrorSum {
  private xx = 0;
  private yy = 0;
  private xy = 0;
  private dd = 0;

  /** Add one sample: x the float values, y the quantized run's. */
  add(x: ArrayLike<number>, y: ArrayLike<number>): void {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const a = x[i] as number;
      const b = y[i] as number;
      this.xx += a * a;
      this.yy += b * b;
      this.xy += a * b;
      this.dd += (a - b) * (a - b);
    }
  }

  result(): QuantError {
    const { xx, yy, xy, dd } = this;
    const sqnrDb = dd === 0 ? Infinity : xx === 0 ? -Infinity : 20 * Math.log10(Math.sqrt(xx) / Math.sqrt(dd));
    const cosine = xx === 0 || yy === 0 ? (xx === yy ? 1 : 0) : xy / Math.sqrt(xx * yy);
    return { sqnrDb, cosine };
  }
}
