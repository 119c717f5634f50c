import type { ModelProfile, TargetCost } from '../../profile/profile-model.js';
import type { NodeCost } from '../../profile/node-cost.js';
import { bytes, count, latency } from './quantity.js';
import { termText as safe } from '../safe-text.js';

function opName(c: NodeCost): string {
  return c.node.domain ? `${c.node.domain}.${c.node.op}` : c.node.op;
}

function topNodes(p: ModelProfile, limit: number): NodeCost[] {
  return [...p.nodes].sort((a, b) => (b.macs ?? 0) - (a.macs ?? 0)).slice(0, limit);
}

function peakText(t: TargetCost): string {
  const hw = t.hardware!;
  const bandwidth = hw.memoryGBs ? `${hw.memoryGBs} GB/s` : 'bandwidth not published';
  return `${hw.peakTops[t.precision]} ${t.precision} TOPS, ${bandwidth}; confidence ${hw.confidence}`;
}

function targetLines(t: TargetCost, nodes: NodeCost[]): string[] {
  const hw = t.hardware;
  const lines = [
    `${t.target} (${t.precision}${hw ? `, ${hw.chip}` : ''})`,
    `  weights ${bytes(t.totals.weightBytes)} at ${t.precision}; peak activations ${bytes(t.memory.graphOrder.peakBytes)}` +
      (t.memory.lowered.peakBytes < t.memory.graphOrder.peakBytes
        ? ` (${bytes(t.memory.lowered.peakBytes)} with a reordered schedule)`
        : ''),
    `  latency estimate ${latency(t.latency.lowSeconds, t.latency.highSeconds)}` +
      (hw?.peakTops[t.precision] ? ` from the published peak (${peakText(t)})` : ''),
  ];
  const byNode = new Map(nodes.map((c) => [c.node, c]));
  if (t.cpuLayers.length) {
    const cpuMacs = t.cpuLayers.reduce((sum, c) => sum + (c.cost.macs ?? 0), 0);
    lines.push(`  on the CPU: ${t.cpuLayers.length} layers, ${count(cpuMacs)} MACs`);
    for (const c of t.cpuLayers.slice(0, 8))
      lines.push(`    ${safe(c.node.name)} (${c.node.op}) ${count(c.cost.macs)} MACs — ${c.reason}`);
  }
  const dominant = t.dominant.map((n) => `${safe(n.name)} ${count(byNode.get(n)?.macs ?? null)} MACs`);
  lines.push(`  dominant: ${dominant.join(', ')}`);
  return lines;
}

/** The cost report for a terminal: totals, peak memory, the costliest nodes, and one block per target. */
export function renderProfileText(p: ModelProfile, path: string, top = 10): string {
  const t = p.totals;
  const out = [
    `${safe(path)}`,
    `  ${count(t.macs)} MACs, ${count(t.otherOps)} other ops, ${count(t.params)} parameters (${bytes(t.weightBytes)} as stored)` +
      (t.uncounted ? `; ${t.uncounted} nodes not counted (shapes not static: give --input-shape)` : ''),
    `  peak activation memory ${bytes(p.memory.graphOrder.peakBytes)} in graph order` +
      (p.memory.lowered.peakBytes < p.memory.graphOrder.peakBytes
        ? `, ${bytes(p.memory.lowered.peakBytes)} with a reordered schedule`
        : '') +
      (p.memory.unknownSizes ? ` (lower bound: ${p.memory.unknownSizes} tensors of unknown size)` : ''),
    `  largest tensors: ${p.memory.largest.map((l) => `${safe(l.value.name)} ${bytes(l.bytes)}`).join(', ')}`,
    '',
    `  ${'node'.padEnd(32)} ${'op'.padEnd(20)} ${'MACs'.padStart(10)} ${'params'.padStart(9)} ${'read+write'.padStart(11)} ${'ops/B'.padStart(6)}`,
  ];
  for (const c of topNodes(p, top)) {
    const moved =
      c.activationReadBytes !== null && c.activationWriteBytes !== null
        ? bytes(c.activationReadBytes + c.activationWriteBytes)
        : '?';
    out.push(
      `  ${safe(c.node.name).slice(0, 32).padEnd(32)} ${opName(c).slice(0, 20).padEnd(20)} ${count(c.macs).padStart(10)} ${count(c.params).padStart(9)} ${moved.padStart(11)} ${(c.intensity?.toFixed(1) ?? '?').padStart(6)}`,
    );
  }
  for (const target of p.targets) out.push('', ...targetLines(target, p.nodes));
  return out.join('\n') + '\n';
}
