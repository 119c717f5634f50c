/**
 * An integer with thousands separators (25610152 → "25,610,152"), as `toLocaleString('en-US')` writes it,
 * without waking ICU (its first call costs tens of milliseconds of a short command's run).
 */
export function groupDigits(n: number): string {
  // String() writes integers below 1e21 digit by digit; anything else stays as String() writes it
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return String(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}
