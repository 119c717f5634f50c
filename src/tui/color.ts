/** Colors honour NO_COLOR (https://no-color.org) and --no-color: with either, no color is emitted. */
let enabled = !('NO_COLOR' in process.env) || process.env.NO_COLOR === '';
export function setColor(on: boolean): void {
  enabled = on;
}
export function paint(color: string | undefined): string | undefined {
  return enabled ? color : undefined;
}
