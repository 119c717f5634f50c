/**
 * The per-target cost summary of check's reports: total MACs and parameters, weight bytes and peak
 * activation memory at the target's precision, the roofline latency range where the chip's peak is
 * published (absent otherwise: unknown stays unknown), and the share of the MACs that fall back to
 * the CPU. Figures come from src/profile (the same cost model as `convcheck profile`).
 */
import type { Model } from '../ir/model.js';
import type { TargetResult } from '../check/finding.js';
import { profileTargets } from '../profile/profile-model.js';
import { bytes, count, latency } from './profile/quantity.js';

export interface CostSummary {
  precision: string;
  macs: number;
  params: number;
  weightBytes: number;
  /** Peak activation bytes in graph order (a lower bound when `uncounted` or some tensor size is unknown). */
  peakActivationBytes: number;
  /** Nodes whose MACs could not be counted (a shape is not static). */
  uncounted: number;
  /** Roofline range in seconds; null when the chip's peak is not published. */
  latency: { lowSeconds: number; highSeconds: number | null } | null;
  cpuLayers: number;
  /** MACs of the CPU-fallback layers over all MACs (0 when there are no MACs). */
  cpuMacsShare: number;
}

/** One summary per checked target, in the order of `results`. */
export function costSummaries(model: Model, results: TargetResult[]): CostSummary[] {
  const targets = profileTargets(model, {
    targets: results.map((r) => r.id),
    checks: results,
    lowerSchedule: false, // the summary reports the graph-order peak only
  });
  return targets.map((t) => {
    const cpuMacs = t.cpuLayers.reduce((sum, c) => sum + (c.cost.macs ?? 0), 0);
    const low = t.latency.lowSeconds;
    return {
      precision: t.precision,
      macs: t.totals.macs,
      params: t.totals.params,
      weightBytes: t.totals.weightBytes,
      peakActivationBytes: t.memory.graphOrder.peakBytes,
      uncounted: t.totals.uncounted,
      latency: low === null ? null : { lowSeconds: low, highSeconds: t.latency.highSeconds },
      cpuLayers: t.cpuLayers.length,
      cpuMacsShare: t.totals.macs ? cpuMacs / t.totals.macs : 0,
    };
  });
}

/** The summary as one line of plain text (the text, Markdown and HTML reports all say it this way). */
export function costSummaryText(c: CostSummary): string {
  const parts = [
    `${count(c.macs)} MACs${c.uncounted ? ` (${c.uncounted} nodes not counted)` : ''}`,
    `${count(c.params)} params (${bytes(c.weightBytes)} at ${c.precision})`,
    `peak activations ${bytes(c.peakActivationBytes)}`,
  ];
  if (c.latency) parts.push(`latency ${latency(c.latency.lowSeconds, c.latency.highSeconds)}`);
  parts.push(
    c.cpuLayers
      ? `CPU fallback ${c.cpuLayers} layers, ${(100 * c.cpuMacsShare).toFixed(1)}% of MACs`
      : 'no CPU fallback',
  );
  return parts.join('; ');
}
