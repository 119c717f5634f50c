/** NHWC ↔ NCHW around layout-sensitive ops, and TF's SAME padding. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx } from './op-context.js';
import { opt } from './options.js';

export const TO_NCHW = [0, 3, 1, 2];
export const TO_NHWC = [0, 2, 3, 1];

export function nchw(c: OpCtx, v: Value): Value {
  return c.node('Transpose', [v], new Map([['perm', attr.ints(TO_NCHW)]]))[0]!;
}
export function nhwc(c: OpCtx, v: Value): Value {
  return c.node('Transpose', [v], new Map([['perm', attr.ints(TO_NHWC)]]))[0]!;
}

/** TF SAME padding: total = max((ceil(in/s) − 1)·s + (k − 1)·d + 1 − in, 0), the extra pixel at the end. */
export function tfPads(c: OpCtx, inHW: number[], k: number[], s: number[], d: number[]): number[] {
  if (opt(c, 'padding') === 1) return [0, 0, 0, 0];
  return splitPads(inHW.map((n, i) => Math.max((Math.ceil(n / s[i]!) - 1) * s[i]! + (k[i]! - 1) * d[i]! + 1 - n, 0)));
}

/** TF's split of a total [h, w] padding: half at the start (floor), the rest at the end → ONNX pads. */
export function splitPads(tot: number[]): number[] {
  const h = Math.floor(tot[0]! / 2),
    w = Math.floor(tot[1]! / 2);
  return [h, w, tot[0]! - h, tot[1]! - w];
}
