/** Quantization error of y (quantized run) against x (float run): SQNR in dB = 20·log10(‖x‖/‖x−y‖), and cosine. */
export interface QuantError {
  sqnrDb: number;
  cosine: number;
}

export function quantError(x: ArrayLike<number>, y: ArrayLike<number>): QuantError {
  let xx = 0;
  let yy = 0;
  let xy = 0;
  let dd = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    xx += a * a;
    yy += b * b;
    xy += a * b;
    dd += (a - b) * (a - b);
  }
  const sqnrDb = dd === 0 ? Infinity : 20 * Math.log10(Math.sqrt(xx) / Math.sqrt(dd));
  const cosine = xx === 0 || yy === 0 ? (xx === yy ? 1 : 0) : xy / Math.sqrt(xx * yy);
  return { sqnrDb, cosine };
}
