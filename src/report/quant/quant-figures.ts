/** Figures of the quantization report as short text: dB, cosine, ratios, ranges. */
import type { QuantError } from '../../quant/error-metrics.js';

export function db(x: number): string {
  if (x === Infinity) return 'exact';
  if (x === -Infinity) return '-inf dB';
  return `${x.toFixed(1)} dB`;
}

export function cosine(x: number): string {
  return x.toFixed(4);
}

export function errorText(e: QuantError): string {
  return `${db(e.sqnrDb)} (cos ${cosine(e.cosine)})`;
}

export function ratio(x: number): string {
  return x === Infinity ? 'inf' : `${x.toFixed(x >= 100 ? 0 : 1)}x`;
}

export function range(lo: number, hi: number): string {
  return `[${lo.toPrecision(3)}, ${hi.toPrecision(3)}]`;
}
