import type { Args } from './args.js';
import { flag } from './args.js';
import { UsageError } from '../io/input-error.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../verify/compare.js';

/** A tolerance flag's value: a finite, non-negative number, else a usage error (exit 2) — never NaN. */
export function parseToleranceValue(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new UsageError(`--${name} must be a non-negative number, got '${text}'`);
  return value;
}

/** `--rtol` and `--atol`, checked. */
export function toleranceFlags(args: Args): Tolerance {
  return {
    rtol: parseToleranceValue('rtol', flag(args, 'rtol'), DEFAULT_TOLERANCE.rtol),
    atol: parseToleranceValue('atol', flag(args, 'atol'), DEFAULT_TOLERANCE.atol),
  };
}
