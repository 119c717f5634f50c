import type { ModelProfile } from '../../profile/profile-model.js';
import { bytes, count, latency } from './quantity.js';
import { markdownText as cell } from '../safe-text.js';

/** A per-target cost summary as Markdown tables, for CI job summaries and pull requests. */
export function renderProfileMarkdown(p: ModelProfile, path: string, top = 10): string {
  const t = p.totals;
  const out = [
    `## Cost of \`${cell(path)}\``,
    '',
    `| MACs | other ops | parameters | weights | peak activations | lowered peak |`,
    `|---:|---:|---:|---:|---:|---:|`,
    `| ${count(t.macs)} | ${count(t.otherOps)} | ${count(t.params)} | ${bytes(t.weightBytes)} | ${bytes(p.memory.graphOrder.peakBytes)} | ${bytes(p.memory.lowered.peakBytes)} |`,
    '',
    '| node | op | MACs | params | intensity (ops/B) |',
    '|---|---|---:|---:|---:|',
  ];
  for (const c of [...p.nodes].sort((a, b) => (b.macs ?? 0) - (a.macs ?? 0)).slice(0, top))
    out.push(
      `| ${cell(c.node.name)} | ${cell(c.node.op)} | ${count(c.macs)} | ${count(c.params)} | ${c.intensity?.toFixed(1) ?? '?'} |`,
    );
  if (p.targets.length) {
    out.push(
      '',
      '| target | precision | weights | peak activations | CPU layers | latency |',
      '|---|---|---:|---:|---:|---|',
    );
    for (const target of p.targets)
      out.push(
        `| ${target.target} | ${target.precision} | ${bytes(target.totals.weightBytes)} | ${bytes(target.memory.graphOrder.peakBytes)} | ${target.cpuLayers.length} | ${latency(target.latency.lowSeconds, target.latency.highSeconds)} |`,
      );
  }
  return out.join('\n') + '\n';
}
