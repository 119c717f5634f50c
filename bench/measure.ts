/** Helpers for bench cases: time a function and report this process's peak RSS. */
export function measure<T>(fn: () => T): { value: T; seconds: number } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}
export async function measureAsync<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}
/** Peak resident set size of this process so far, in MB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
/** Print one measurement line for bench/run.ts. */
export function report(row: { name: string; seconds: number; [k: string]: unknown }): void {
  console.log(JSON.stringify({ ...row, peakRssMB: Math.round(peakRssMB()) }));
}
