/**
 * Opset conversion adapters: one per op and opset where the op's signature changed (the ONNX operator
 * changelog, https://github.com/onnx/onnx/blob/main/docs/Changelog.md). An adapter `check`s a node
 * (a reason string refuses the whole conversion, nothing is changed) and `apply`s the change in one
 * direction; the driver runs every check first, then every apply.
 */
import type { Graph } from '../../ir/graph.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';
import type { Attr } from '../../ir/attr.js';
import { attr } from '../../ir/attr.js';
import type { DType } from '../../ir/dtype.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import { Builder } from '../builder.js';

export type Direction = 'up' | 'down';
export interface Env {
  graph: Graph;
}
export interface Adapter {
  op: string;
  /** The opset at which the op's new version starts (up: crossing it upwards; down: leaving it). */
  since: number;
  /** Attribute and input names this adapter takes care of (the generic schema diff skips them). */
  handles?: string[];
  check?(n: Node, dir: Direction, env: Env): string | null;
  apply(n: Node, dir: Direction, env: Env): void;
}

/** Numbers of a constant value (null when not constant). */
export function constNumbers(v: Value | null | undefined): number[] | null {
  if (!v) return null;
  const t = knownValue(v);
  return t ? tensorToNumbers(t) : null;
}
/** A new int64 or float constant value next to `n`. */
export function constValue(g: Graph, n: Node, name: string, dtype: DType, dims: number[], values: number[]): Value {
  return new Builder(g, n, n.name || n.op).const(name, dtype, dims, values);
}
/** Move an attribute to input `index` as a constant (nothing when the attribute is absent). */
export function attrToInput(g: Graph, n: Node, name: string, index: number, dtype: DType, scalar = false): void {
  const a = n.attrs.get(name);
  if (!a) return;
  const values =
    a.type === 'ints' || a.type === 'floats' ? a.value : a.type === 'int' || a.type === 'float' ? [a.value] : [];
  g.setInput(n, index, constValue(g, n, name, dtype, scalar ? [] : [values.length], values));
  n.attrs.delete(name);
}
/** Move a constant input to an attribute (ints or floats; `scalar` for int/float attributes) and drop the input. */
export function inputToAttr(
  g: Graph,
  n: Node,
  index: number,
  name: string,
  kind: 'ints' | 'floats' | 'int' | 'float',
): void {
  const values = constNumbers(n.inputs[index]);
  if (values) {
    const a: Attr =
      kind === 'ints'
        ? attr.ints(values)
        : kind === 'floats'
          ? attr.floats(values)
          : kind === 'int'
            ? attr.int(values[0]!)
            : attr.float(values[0]!);
    n.attrs.set(name, a);
  }
  dropInput(g, n, index);
}
/** Remove input `index` (and trailing omitted inputs). */
export function dropInput(g: Graph, n: Node, index: number): void {
  if (index < n.inputs.length) g.setInput(n, index, null);
  while (n.inputs.length && n.inputs[n.inputs.length - 1] === null) (n.inputs as (Value | null)[]).pop();
}
/** A check that an optional input is absent or constant. */
export const constOrAbsent = (n: Node, index: number, what: string): string | null =>
  n.inputs[index] && !constNumbers(n.inputs[index])
    ? `${n.op} ${what} is computed at run time; the older form needs a constant attribute`
    : null;
export const rankOf = (v: Value | null | undefined): number | null => v?.shape?.length ?? null;
