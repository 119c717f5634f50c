/** Human-readable quantities for cost reports. */
export function count(n: number | null): string {
  if (n === null) return '?';
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

export function bytes(n: number | null): string {
  if (n === null) return '?';
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(2)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
}

export function seconds(s: number | null): string {
  if (s === null) return 'unknown';
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(2)} ms`;
  return `${(s * 1e6).toFixed(1)} µs`;
}

export function latency(low: number | null, high: number | null): string {
  if (low === null) return 'unknown (no public peak figure for this chip)';
  if (high === null) return `≥ ${seconds(low)} (compute bound only; no public bandwidth figure)`;
  return `${seconds(low)} – ${seconds(high)}`;
}
