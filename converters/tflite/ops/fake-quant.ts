/**
 * FAKE_QUANT: TensorFlow's FakeQuantWithMinMaxArgs at inference. The [min, max] range is nudged so that 0 is
 * exactly representable (zero point = round(qmin − min/scale), clamped to [qmin, qmax]; qmin = 1 with
 * narrow_range, else 0; qmax = 2^num_bits − 1), then
 *   y = round_half_away((clamp(x, nudged_min, nudged_max) − nudged_min) · (1/scale)) · scale + nudged_min.
 * The nudged constants are computed here in float32 arithmetic, as the runtime computes them; the argument of
 * the rounding is ≥ 0, so half-away-from-zero is floor(v) + (v − floor(v) ≥ 0.5), both exact in float.
 * TFLite refuses narrow_range at run time (its kernel is for activations only), so such an operator has no
 * runtime meaning to match and stays foreign.
 */
import type { Value } from '../../../src/ir/value.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';

const f = Math.fround;

/** The nudged range and scale, in float32 steps. */
export function nudgedRange(
  min: number,
  max: number,
  bits: number,
  narrow: boolean,
): { low: number; high: number; scale: number } {
  const qmin = narrow ? 1 : 0,
    qmax = 2 ** bits - 1;
  const scale = f(f(f(max) - f(min)) / f(qmax - qmin));
  const zeroFromMin = f(qmin - f(f(min) / scale));
  const zero =
    zeroFromMin < qmin ? qmin : zeroFromMin > qmax ? qmax : Math.sign(zeroFromMin) * Math.round(Math.abs(zeroFromMin));
  return { low: f(f(qmin - zero) * scale), high: f(f(qmax - zero) * scale), scale };
}

function fakeQuant(c: OpCtx): Value[] | null {
  if (opt(c, 'narrow_range')) return null;
  const { low, high, scale } = nudgedRange(opt(c, 'min'), opt(c, 'max'), opt(c, 'num_bits') || 8, false);
  const scalar = (name: string, v: number): Value => c.constant(name, 'float32', [], [v]);
  const lowV = scalar('nudged_min', low);
  const clamped = c.node('Clip', [c.input(0), lowV, scalar('nudged_max', high)])[0]!;
  const shifted = c.node('Sub', [clamped, lowV])[0]!;
  const steps = c.node('Mul', [shifted, scalar('inverse_scale', f(1 / scale))])[0]!;
  const whole = c.node('Floor', [steps])[0]!;
  const frac = c.node('Sub', [steps, whole])[0]!;
  const up = c.node('GreaterOrEqual', [frac, scalar('half', 0.5)])[0]!;
  const rounded = c.node('Where', [up, c.node('Add', [whole, scalar('one', 1)])[0]!, whole])[0]!;
  return c.node('Add', [c.node('Mul', [rounded, scalar('scale', scale)])[0]!, lowV]);
}

export const fakeQuantOps: TfliteOpTable = { FAKE_QUANT: fakeQuant };
