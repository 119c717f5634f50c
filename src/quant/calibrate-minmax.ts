/** Min-max calibration: the observed range, nothing clipped. */
export interface Range {
  lo: number;
  hi: number;
}

/** The finite minimum and maximum of the values (0, 0 when there are none). */
export function calibrateMinMax(values: ArrayLike<number>): Range {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? { lo, hi } : { lo: 0, hi: 0 };
}
