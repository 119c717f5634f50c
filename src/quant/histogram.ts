/** A histogram of |x| over [0, max |x|] with equal-width bins (the input of entropy calibration). */
export interface AbsHistogram {
  counts: Float64Array;
  binWidth: number;
}

export function absHistogram(values: ArrayLike<number>, bins: number): AbsHistogram {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i] as number);
    if (Number.isFinite(a) && a > max) max = a;
  }
  const counts = new Float64Array(bins);
  const binWidth = max > 0 ? max / bins : 1;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i] as number);
    if (!Number.isFinite(a)) continue;
    counts[Math.min(bins - 1, Math.floor(a / binWidth))]! += 1;
  }
  return { counts, binWidth };
}
