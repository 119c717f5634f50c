/** A dimension is a known size, a symbolic name (kept and propagated), or null (unknown). */
export type Dim = number | string | null;
/** A shape is a list of dims, or null when even the rank is unknown. */
export type Shape = Dim[] | null;

export function isStaticShape(s: Shape): s is number[] {
  return s !== null && s.every((d) => typeof d === 'number');
}
export function numel(s: readonly number[]): number {
  return s.reduce((a, b) => a * b, 1);
}
export function formatDim(d: Dim): string {
  return d === null ? '?' : String(d);
}
export function formatShape(s: Shape): string {
  return s === null ? '[*]' : `[${s.map(formatDim).join(',')}]`;
}
export function sameDim(a: Dim, b: Dim): boolean {
  return a !== null && a === b;
}
