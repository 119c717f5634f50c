/** The quantization report as Markdown tables (for CI job summaries and pull requests). */
import type { QuantReport } from '../../quant/analysis/quant-report.js';
import { markdownText as cell } from '../safe-text.js';
import { db, errorText, ratio } from './quant-figures.js';
import { TOP_LAYERS } from './quant-text.js';

function targetSection(r: QuantReport, top: number): string[] {
  const out = [
    `### ${cell(r.target)}`,
    '',
    `${cell(r.scheme.kind)}: weights ${cell(r.scheme.weights)}, activations ${cell(r.scheme.activations)}, calibration ${cell(r.scheme.calibration)}; ${r.calibrationSamples} calibration / ${r.evaluationSamples} evaluation samples${r.synthetic ? ' (synthetic)' : ''}.`,
    '',
    ...r.warnings.map((w) => `> **warning:** ${cell(w, 600)}`),
    ...(r.warnings.length ? [''] : []),
    '| output | end-to-end | with the advice |',
    '|---|---|---|',
    ...r.endToEnd.map(
      (o, i) => `| ${cell(o.output)} | ${errorText(o.error)} | ${errorText((r.advice.predicted[i] ?? o).error)} |`,
    ),
    '',
    '| # | layer | op | isolated | per-channel mean | accumulated | weight SQNR | channel spread | input outliers | dead channels |',
    '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.layers
      .slice(0, top)
      .map(
        (l, i) =>
          `| ${i + 1} | ${cell(l.node)} | ${cell(l.op)} | ${db(l.isolated.sqnrDb)} | ${db(l.isolated.channelSqnrDb)} | ${db(l.accumulated.sqnrDb)} | ${db(l.weights.error.sqnrDb)} | ${ratio(l.weights.channelOutlierRatio)} | ${ratio(l.activation.outlierRatio)} | ${l.activation.deadChannels}/${l.activation.channels} |`,
      ),
    '',
    r.advice.keep.length
      ? `Keep at higher precision: ${r.advice.keep.map((k) => cell(k.node)).join(', ')}.`
      : 'No layer stands out.',
  ];
  return out;
}

export function renderQuantMarkdown(reports: readonly QuantReport[], path: string, top = TOP_LAYERS): string {
  const lines = [`## Quantization readiness of ${cell(path)}`, ''];
  for (const r of reports) lines.push(...targetSection(r, top), '');
  lines.push('Simulated in float with the schemes of `targets.json`; real chip kernels differ.');
  return lines.join('\n') + '\n';
}
