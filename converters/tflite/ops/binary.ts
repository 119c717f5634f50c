/**
 * Broadcasting binary math, comparisons and logic: one ONNX op each (then the fused activation where the
 * options have one), or a short composition where ONNX has no single op.
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import type { OpCtx, TfliteOpTable, TfliteImporter } from './op-context.js';
import { activation } from './fused-activation.js';

const BINARY: Record<string, string> = {
  ADD: 'Add',
  SUB: 'Sub',
  MUL: 'Mul',
  DIV: 'Div',
  MAXIMUM: 'Max',
  MINIMUM: 'Min',
  POW: 'Pow',
  LESS: 'Less',
  LESS_EQUAL: 'LessOrEqual',
  GREATER: 'Greater',
  GREATER_EQUAL: 'GreaterOrEqual',
  EQUAL: 'Equal',
  LOGICAL_AND: 'And',
  LOGICAL_OR: 'Or',
  // StableHLO elementwise ops with TFLite kernels (operands of equal shape)
  STABLEHLO_ADD: 'Add',
  STABLEHLO_MULTIPLY: 'Mul',
  STABLEHLO_MAXIMUM: 'Max',
  STABLEHLO_MINIMUM: 'Min',
};

function binary(onnxOp: string): TfliteImporter {
  return (c: OpCtx) => [activation(c, c.node(onnxOp, [c.input(0), c.input(1)])[0]!)];
}

const isFloat = (c: OpCtx): boolean => (c.input(0)!.dtype ?? 'float32').startsWith('float');

/** ⌊a / b⌋: Floor(Div) on floats; on integers through float32 (exact for |values| < 2²⁴). */
function floorDiv(c: OpCtx): Value[] {
  if (isFloat(c)) return c.node('Floor', [c.node('Div', [c.input(0), c.input(1)])[0]!]);
  const f = (v: Value | null): Value => c.node('Cast', [v], new Map([['to', attr.int(1)]]))[0]!;
  const q = c.node('Floor', [c.node('Div', [f(c.input(0)), f(c.input(1))])[0]!])[0]!;
  return c.node('Cast', [q], new Map([['to', attr.int(c.input(0)!.dtype === 'int64' ? 7 : 6)]]));
}

/** a − ⌊a / b⌋·b (the result takes the divisor's sign); integers: ONNX Mod (fmod = 0) is exactly that. */
function floorMod(c: OpCtx): Value[] {
  if (!isFloat(c)) return c.node('Mod', [c.input(0), c.input(1)], new Map([['fmod', attr.int(0)]]));
  const a = c.input(0)!,
    b = c.input(1)!;
  const q = c.node('Floor', [c.node('Div', [a, b])[0]!])[0]!;
  return c.node('Sub', [a, c.node('Mul', [q, b])[0]!]);
}

/** atan2(y, x) = atan(y / x) + (x < 0 ? (y ≥ 0 ? π : −π) : 0). */
function atan2(c: OpCtx): Value[] {
  const y = c.input(0)!,
    x = c.input(1)!;
  const zero = c.constant('zero', 'float32', [], [0]);
  const base = c.node('Atan', [c.node('Div', [y, x])[0]!])[0]!;
  const pi = c.node('Where', [
    c.node('Less', [y, zero])[0]!,
    c.constant('minus_pi', 'float32', [], [-Math.PI]),
    c.constant('pi', 'float32', [], [Math.PI]),
  ])[0]!;
  const shift = c.node('Where', [c.node('Less', [x, zero])[0]!, pi, zero])[0]!;
  return c.node('Add', [base, shift]);
}

/** (a − b)². */
function squaredDifference(c: OpCtx): Value[] {
  const d = c.node('Sub', [c.input(0), c.input(1)])[0]!;
  return c.node('Mul', [d, d]);
}

export const binaryOps: TfliteOpTable = {
  ...Object.fromEntries(Object.entries(BINARY).map(([name, onnxOp]) => [name, binary(onnxOp)])),
  NOT_EQUAL: (c) => c.node('Not', [c.node('Equal', [c.input(0), c.input(1)])[0]!]),
  FLOOR_DIV: floorDiv,
  FLOOR_MOD: floorMod,
  ATAN2: atan2,
  SQUARED_DIFFERENCE: squaredDifference,
};
