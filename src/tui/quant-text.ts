/**
 * The quantization view's text: one row per layer (ranked by damage: isolated and accumulated SQNR, cosine,
 * diagnostic flags), the column header, the flag legend, and the detail lines of one layer (ranges, diagnostics,
 * a text histogram of its stored weights). Pure functions of the analysis report; every model name escaped.
 */
import type { LayerReport, QuantReport } from '../quant/analysis/quant-report.js';
import { absHistogram } from '../quant/histogram.js';
import { termText } from '../report/safe-text.js';
import { cosine, db, errorText, range, ratio } from '../report/quant/quant-figures.js';
import { columnWidths, fit } from './layout.js';

/** Seeded synthetic samples the view calibrates on, and how many of them the errors are measured on. */
export const QUANT_VIEW_SAMPLES = 4;
export const QUANT_VIEW_EVALUATION = 2;

/** A diagnostic flag: its letter in the flags column, when it is raised, and what it means (the legend). */
interface LayerFlag {
  letter: string;
  raised(l: LayerReport): boolean;
  meaning: string;
}
/** A spread or outlier ratio from which a per-tensor 8-bit grid visibly loses the small values. */
export const FLAG_RATIO = 10;
export const LAYER_FLAGS: LayerFlag[] = [
  {
    letter: 'W',
    raised: (l) => l.weights.channelOutlierRatio >= FLAG_RATIO,
    meaning: `weight channel ranges spread ≥${FLAG_RATIO}×`,
  },
  { letter: 'S', raised: (l) => l.weights.starvedChannels > 0, meaning: 'weight channels with < 8 levels' },
  { letter: 'B', raised: (l) => l.foldedBatchNorm, meaning: 'BatchNorm folded into the weights' },
  {
    letter: 'A',
    raised: (l) => l.activation.outlierRatio >= FLAG_RATIO,
    meaning: `input outliers ≥${FLAG_RATIO}× p99.9`,
  },
  { letter: 'D', raised: (l) => l.activation.deadChannels > 0, meaning: 'dead input channels' },
];

export function layerFlags(l: LayerReport): string {
  return LAYER_FLAGS.map((f) => (f.raised(l) ? f.letter : '.')).join('');
}

export const flagLegend = (): string => LAYER_FLAGS.map((f) => `${f.letter} ${f.meaning}`).join('  ');

const layerName = (l: LayerReport): string => termText(l.origin?.name ?? l.node, 120);
const layerOp = (l: LayerReport): string => termText(l.origin?.type ?? l.op, 24);

/** SQNR in at most 7 cells ("23.4dB", "exact"). */
const shortDb = (x: number): string => db(x).replace(' dB', 'dB');

const COLUMN_TITLES = ['#', 'layer', 'op', 'isolated', 'accum.', 'cosine', 'flags'];

function widths(width: number): number[] {
  return columnWidths(width, [
    { width: 3 },
    { width: 8, grow: 3 },
    { width: 6, grow: 1, max: 16 },
    { width: 8 },
    { width: 8 },
    { width: 6 },
    { width: LAYER_FLAGS.length },
  ]);
}

function row(cells: string[], width: number): string {
  const w = widths(width);
  const right = new Set([0, 3, 4, 5]);
  const text = cells.map((c, i) => (right.has(i) ? fit(c, w[i]!).trimEnd().padStart(w[i]!) : fit(c, w[i]!)));
  return fit(text.join(' '), width);
}

export const quantHeaderLine = (width: number): string => row(COLUMN_TITLES, width);

/** One layer's row: rank, name, op, isolated and accumulated per-channel SQNR, accumulated cosine, flags. */
export function layerRowText(l: LayerReport, rank: number, width: number): string {
  return row(
    [
      String(rank),
      layerName(l),
      layerOp(l),
      shortDb(l.isolated.channelSqnrDb),
      shortDb(l.accumulated.channelSqnrDb),
      cosine(l.accumulated.cosine),
      layerFlags(l),
    ],
    width,
  );
}

/** The summary line under the title: synthetic (indicative) first, then scheme, end-to-end error, advice. */
export function quantSummary(r: QuantReport): string {
  const e2e = r.endToEnd[0];
  return [
    r.synthetic
      ? `${r.calibrationSamples} synthetic samples: indicative only`
      : `${r.calibrationSamples} calibration samples`,
    e2e ? `end-to-end ${errorText(e2e.error)}` : 'no float output',
    `keep ${r.advice.keep.length} float`,
    `${r.scheme.kind} w ${r.scheme.weights}, a ${r.scheme.activations}`,
  ].join('; ');
}

/** Histogram lines of |values|: bin range, a bar scaled to the fullest bin, the count. */
export function histogramLines(values: ArrayLike<number>, bins: number, width: number, bar = '#'): string[] {
  if (!values.length) return [];
  const h = absHistogram(values, bins);
  const most = Math.max(...h.counts);
  const barWidth = Math.max(1, width - 24);
  return Array.from(h.counts, (count, i) => {
    const lo = (i * h.binWidth).toPrecision(3),
      hi = ((i + 1) * h.binWidth).toPrecision(3);
    const length = most ? Math.round((count / most) * barWidth) : 0;
    const cells = count && !length ? 1 : length;
    return fit(`${`${lo}-${hi}`.padEnd(15)} ${bar.repeat(cells).padEnd(barWidth)} ${count}`, width);
  });
}

export const HISTOGRAM_BINS = 8;
/** Fewer bins than this and the histogram says little: the pane then shows this many (and is cut). */
export const MIN_HISTOGRAM_BINS = 4;

/**
 * The detail pane of one layer in at most `rows` lines: names, errors, ranges, diagnostics, and the histogram of
 * its stored weights (up to HISTOGRAM_BINS bins, as many as the rows leave room for).
 */
export function layerDetailLines(
  l: LayerReport,
  weights: ArrayLike<number> | null,
  width: number,
  options: { bar?: string; rows?: number } = {},
): string[] {
  const w = l.weights;
  const a = l.activation;
  const lines = [
    `layer ${termText(l.node, 120)} (${termText(l.op, 24)})`,
    ...(l.origin ? [`  from ${termText(l.origin.name, 120)} (${termText(l.origin.type, 40)})`] : []),
    `isolated    ${errorText(l.isolated)}, per channel ${db(l.isolated.channelSqnrDb)}`,
    `accumulated ${errorText(l.accumulated)}, per channel ${db(l.accumulated.channelSqnrDb)}`,
    `input ${termText(l.input, 80)}: range ${range(a.lo, a.hi)}`,
    `  calibrated ${range(l.calibratedRange.lo, l.calibratedRange.hi)}, outliers ${ratio(a.outlierRatio)} over p99.9, ${a.deadChannels}/${a.channels} dead`,
    `weights: ${w.channels} channels, range spread ${ratio(w.channelOutlierRatio)}, ${w.starvedChannels} starved, SQNR ${db(w.error.sqnrDb)}${l.foldedBatchNorm ? ', BatchNorm folded' : ''}`,
    `flags ${layerFlags(l)}`,
  ];
  const room = (options.rows ?? Infinity) - lines.length - 1;
  const bins = Math.max(MIN_HISTOGRAM_BINS, Math.min(HISTOGRAM_BINS, room));
  lines.push(
    ...(weights
      ? ['|weight| histogram (as stored):', ...histogramLines(weights, bins, width, options.bar)]
      : ['weights not readable for a histogram']),
  );
  return lines.slice(0, options.rows).map((line) => fit(line, width));
}
