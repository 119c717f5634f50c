/**
 * NNIE's per-layer logarithmic quantization, exactly as MQBench documents it
 * (https://github.com/ModelTC/MQBench/blob/main/docs/source/user_guide/hardware/nnie.rst, "Quantization Scheme"):
 *
 *   z = round(16·log2 c) − 127                          (c: the clip value)
 *   x ≥ 2^(z/16 − 1)          → 2^((clamp(round(16·log2 x) − z, 0, 127) + z)/16)
 *   x < −2^((z+1)/16 − 1)     → −2^((clamp(round(16·log2 −x) − z, 1, 127) + z)/16)
 *   otherwise                 → 0
 *
 * Values are sign-magnitude ("true form"): codes 0…127 positive, −1…−127 negative, −0 is zero. `round` is
 * round-half-to-even as in the table's interval edges. The 16-bit mode's formula is not public: not simulated.
 */
import { roundHalfEven } from './linear-quant.js';

/** The layer's z from its clip value c (> 0). */
export function nnieZ(clip: number): number {
  return roundHalfEven(16 * Math.log2(clip)) - 127;
}

export function nnieFakeQuantValue(x: number, z: number): number {
  if (x >= 2 ** (z / 16 - 1)) {
    const code = Math.max(0, Math.min(127, roundHalfEven(16 * Math.log2(x)) - z));
    return 2 ** ((code + z) / 16);
  }
  if (x < -(2 ** ((z + 1) / 16 - 1))) {
    const code = Math.max(1, Math.min(127, roundHalfEven(16 * Math.log2(-x)) - z));
    return -(2 ** ((code + z) / 16));
  }
  return 0;
}

/** The values fake-quantized with one z: nnieFakeQuantValue with the level values and thresholds computed once. */
export function nnieFakeQuant(values: ArrayLike<number>, z: number): Float32Array {
  const level = Array.from({ length: 128 }, (_, code) => 2 ** ((code + z) / 16));
  const positiveFrom = 2 ** (z / 16 - 1);
  const negativeBelow = -(2 ** ((z + 1) / 16 - 1));
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x >= positiveFrom) out[i] = level[Math.max(0, Math.min(127, roundHalfEven(16 * Math.log2(x)) - z))]!;
    else if (x < negativeBelow) out[i] = -level[Math.max(1, Math.min(127, roundHalfEven(16 * Math.log2(-x)) - z))]!;
  }
  return out;
}
