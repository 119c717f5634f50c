/** The quantization report for a terminal: per target, the end-to-end error, the layers ranked by damage, the advice. */
import type { LayerReport, QuantReport } from '../../quant/analysis/quant-report.js';
import { termText } from '../safe-text.js';
import { db, errorText, range, ratio } from './quant-figures.js';

export const TOP_LAYERS = 10;

function layerName(l: LayerReport): string {
  const origin = l.origin ? ` [${termText(l.origin.name, 60)} (${termText(l.origin.type, 30)})]` : '';
  return `${termText(l.node, 80)} (${l.op})${origin}`;
}

function layerLines(l: LayerReport, rank: number): string[] {
  const w = l.weights;
  const a = l.activation;
  return [
    `  ${String(rank).padStart(2)}. ${layerName(l)}`,
    `      isolated ${errorText(l.isolated)}, accumulated ${errorText(l.accumulated)}`,
    `      weights: ${w.channels} channels, channel range spread ${ratio(w.channelOutlierRatio)}, ${w.starvedChannels} starved, weight SQNR ${db(w.error.sqnrDb)}${l.foldedBatchNorm ? ' (BatchNorm folded)' : ''}`,
    `      input: range ${range(a.lo, a.hi)}, calibrated ${range(l.calibratedRange.lo, l.calibratedRange.hi)}, outliers ${ratio(a.outlierRatio)} over p99.9, ${a.deadChannels}/${a.channels} dead channels`,
  ];
}

function targetText(r: QuantReport, top: number): string[] {
  const out = [
    `${r.target}: ${r.scheme.kind} weights ${r.scheme.weights}, activations ${r.scheme.activations}, calibration ${r.scheme.calibration}`,
    `  samples: ${r.calibrationSamples} calibration, ${r.evaluationSamples} evaluation${r.synthetic ? ' (synthetic)' : ''}`,
    ...r.warnings.map((w) => `  warning: ${w}`),
    ...r.endToEnd.map((o) => `  end-to-end ${termText(o.output, 80)}: ${errorText(o.error)}`),
    `  layers by damage (${Math.min(top, r.layers.length)} of ${r.layers.length}):`,
    ...r.layers.slice(0, top).flatMap((l, i) => layerLines(l, i + 1)),
  ];
  if (r.advice.keep.length === 0)
    out.push('  advice: no layer stands out; keep the whole model at the target precision');
  else {
    out.push(
      `  advice: keep ${r.advice.keep.length} layer(s) at higher precision: ${r.advice.keep.map((k) => termText(k.node, 80)).join(', ')}`,
    );
    out.push(
      ...r.advice.predicted.map(
        (o) => `  predicted end-to-end ${termText(o.output, 80)} with the advice: ${errorText(o.error)}`,
      ),
    );
  }
  return out;
}

export function renderQuantText(reports: readonly QuantReport[], path: string, top = TOP_LAYERS): string {
  const lines = [`quantization readiness of ${termText(path)}`, ''];
  for (const r of reports) lines.push(...targetText(r, top), '');
  lines.push('Simulated in float with the schemes of targets.json; real chip kernels differ (see docs/quant.md).');
  return lines.join('\n') + '\n';
}
