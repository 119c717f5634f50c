/** The per-target cost summary as a table (header row first) for the Markdown and HTML reports; empty without cost figures. */
import type { JsonReport } from './report-data.js';
import { bytes, count, latency } from './profile/quantity.js';

const HEAD = [
  'target',
  'precision',
  'MACs',
  'params',
  'weights',
  'peak activations',
  'latency estimate',
  'CPU fallback',
];

export function costTable(r: JsonReport): string[][] {
  const rows = r.targets.flatMap((t) => {
    const c = t.cost;
    if (!c) return [];
    return [
      [
        t.id,
        c.precision,
        `${count(c.macs)}${c.uncounted ? ` (+${c.uncounted} nodes not counted)` : ''}`,
        count(c.params),
        bytes(c.weightBytes),
        bytes(c.peakActivationBytes),
        c.latency ? latency(c.latency.lowSeconds, c.latency.highSeconds) : 'no published peak',
        c.cpuLayers ? `${c.cpuLayers} layers, ${(100 * c.cpuMacsShare).toFixed(1)}% of MACs` : 'none',
      ],
    ];
  });
  return rows.length ? [HEAD, ...rows] : [];
}
