/** Reading Caffe's repeated/paired geometry fields (kernel_size | kernel_h/kernel_w, …) from a param message. */
import { TextMessage } from '../prototxt-parser.js';
import type { LayerCtx } from './types.js';

export const param = (c: Pick<LayerCtx, 'p'>, key: string): TextMessage => c.p.msg(key) ?? new TextMessage();

/** `<base>_h`/`<base>_w`, else the repeated `<base>` (one value for both, or h then w), else the default. */
export function pair(m: TextMessage, base: string, dflt: number): [number, number] {
  const h = m.num(`${base}_h`),
    w = m.num(`${base}_w`);
  if (h !== undefined || w !== undefined) return [h ?? dflt, w ?? dflt];
  const v = m.nums(base);
  if (v.length >= 2) return [v[0]!, v[1]!];
  return v.length === 1 ? [v[0]!, v[0]!] : [dflt, dflt];
}

/** N spatial values of a repeated field (one value repeats), or `_h`/`_w` for 2-D. */
export function spatial(m: TextMessage, base: string, n: number, dflt: number): number[] {
  if (n === 2) return pair(m, base, dflt);
  const v = m.nums(base);
  return Array.from({ length: n }, (_, i) => v[v.length === 1 ? 0 : i] ?? dflt);
}

export function kernel(m: TextMessage, n = 2): number[] {
  if (n === 2 && (m.num('kernel_h') !== undefined || m.num('kernel_w') !== undefined)) return pair(m, 'kernel', 1);
  return spatial(m, 'kernel_size', n, 1);
}

/** A negative axis counted from the end. */
export const canonicalAxis = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

/** [C] per-channel parameters as [C,1,…] so they broadcast over axis 1 of an N,C,… input. */
export function channelDims(c: LayerCtx, ch: number): number[] {
  const r = c.shape(c.inputs[0]!)?.length ?? 4;
  return [ch, ...new Array<number>(Math.max(0, r - 2)).fill(1)];
}

export const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
