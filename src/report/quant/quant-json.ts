/** The quantization report as JSON (model strings kept whole; JSON escapes them). Infinite SQNR is written as null. */
import type { QuantReport } from '../../quant/analysis/quant-report.js';

export function renderQuantJson(reports: readonly QuantReport[], path: string): string {
  const finite = (_key: string, value: unknown): unknown =>
    typeof value === 'number' && !Number.isFinite(value) ? null : value;
  return JSON.stringify({ model: path, targets: reports }, finite, 2) + '\n';
}
