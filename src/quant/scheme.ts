/**
 * Each target's integer scheme as targets.json's `quantSchemes` states it (sources and confidence stay in the data).
 */
import { targetsFile } from '../check/targets.js';
import { UsageError } from '../io/input-error.js';

export type CalibrationAlgorithm = 'minmax' | 'percentile' | 'kl' | 'mse';

export interface QuantTensorScheme {
  bits: number;
  symmetric: boolean;
  granularity: 'per-channel' | 'per-tensor';
  /** Symmetric range ±(2^(b−1) − 1) instead of [−2^(b−1), 2^(b−1) − 1]. */
  narrowRange: boolean;
  rounding: string;
  /** Scales restricted to powers of two (fixed point). */
  powerOfTwoScale?: boolean;
}

export interface QuantScheme {
  kind: 'linear' | 'nnie-log';
  weights: QuantTensorScheme;
  activations: QuantTensorScheme;
  calibration: { default: CalibrationAlgorithm; options: string[]; note?: string };
  fusions: { convBatchNorm: boolean; convRelu: boolean };
  higherPrecision: { options: string[]; perLayer: boolean; format: string };
}

/** The scheme of a target id (a variant suffix `rknn:rk3588` uses its base target's scheme). */
export function quantScheme(target: string): QuantScheme {
  const schemes = (targetsFile() as unknown as { quantSchemes?: Record<string, QuantScheme> }).quantSchemes ?? {};
  const scheme = schemes[target.split(':')[0] ?? target];
  if (!scheme)
    throw new UsageError(`no quantization scheme for target '${target}' (known: ${Object.keys(schemes).join(', ')})`);
  return scheme;
}
