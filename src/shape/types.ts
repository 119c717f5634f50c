import type { DType } from '../ir/dtype.js';
import type { Dim, Shape } from '../ir/shape.js';
import type { Node } from '../ir/node.js';
import type { Nd } from '../eval/nd.js';

/** What inference knows of an input: dtype, shape, and the value when it is computable from constants. */
export interface In {
  dtype: DType | null;
  shape: Shape;
  value: Nd | null;
}
export interface Out {
  dtype: DType | null;
  shape: Shape;
}
export interface ShapeContext {
  opset: number;
  fresh(hint: string): string;
}
export type ShapeFn = (n: Node, ins: (In | null)[], ctx: ShapeContext) => Out[] | null;

export const same = (i: In | null | undefined): Out => ({ dtype: i?.dtype ?? null, shape: i?.shape ?? null });

/** numpy broadcasting with symbolic dims: 1 yields to the other; a number wins over a name. */
export function broadcast(shapes: Shape[]): Shape {
  if (shapes.some((s) => s === null)) return null;
  const r = Math.max(...shapes.map((s) => s!.length));
  const out: Dim[] = [];
  for (let i = 0; i < r; i++) {
    let d: Dim = 1;
    for (const s of shapes as Dim[][]) {
      const j = s.length - r + i;
      const x = j < 0 ? 1 : s[j]!; // a missing leading axis is 1; an unknown dim (null) stays unknown
      if (x === 1) continue;
      if (d === 1) d = x;
      else if (typeof d !== 'number' && typeof x === 'number') d = x;
      else if (d === null) d = x;
    }
    out.push(d);
  }
  return out;
}
export function norm(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
export function ints(v: Nd | null | undefined): number[] | null {
  return v ? v.data.map(Math.trunc) : null;
}
export function prod(dims: Dim[]): Dim {
  return dims.every((d) => typeof d === 'number') ? (dims as number[]).reduce((a, b) => a * b, 1) : null;
}
