import type { ModelProfile, TargetCost } from '../../profile/profile-model.js';
import type { NodeCost } from '../../profile/node-cost.js';
import type { MemoryPlan } from '../../profile/memory-plan.js';

function nodeJson(c: NodeCost): Record<string, unknown> {
  return {
    node: c.node.name,
    op: c.node.domain ? `${c.node.domain}.${c.node.op}` : c.node.op,
    family: c.family,
    macs: c.macs,
    otherOps: c.otherOps,
    params: c.params,
    weightBytes: c.weightBytes,
    activationReadBytes: c.activationReadBytes,
    activationWriteBytes: c.activationWriteBytes,
    intensity: c.intensity,
  };
}

function memoryJson(m: MemoryPlan, names: Map<number, string>): Record<string, unknown> {
  return {
    peakBytes: m.graphOrder.peakBytes,
    peakAtNode: names.get(m.graphOrder.peakNode) ?? null,
    loweredPeakBytes: m.lowered.peakBytes,
    loweredSchedule: m.lowered.peakBytes < m.graphOrder.peakBytes ? m.lowered.order.map((i) => names.get(i)) : null,
    unknownSizes: m.unknownSizes,
    largest: m.largest.map((l) => ({ value: l.value.name, bytes: l.bytes })),
  };
}

function targetJson(t: TargetCost, names: Map<number, string>): Record<string, unknown> {
  return {
    target: t.target,
    precision: t.precision,
    hardware: t.hardware,
    totals: t.totals,
    memory: memoryJson(t.memory, names),
    latencySeconds: { low: t.latency.lowSeconds, high: t.latency.highSeconds },
    dominant: t.dominant.map((n) => n.name),
    cpuLayers: t.cpuLayers.map((c) => ({ node: c.node.name, op: c.node.op, reason: c.reason, macs: c.cost.macs })),
    layers: [...t.layers].map(([node, e]) => ({ node: node.name, ...e })),
  };
}

/** The profile as JSON: every number unrounded, nulls where a figure is unknown. */
export function renderProfileJson(p: ModelProfile): string {
  const names = new Map(p.nodes.map((c, i) => [i, c.node.name]));
  return (
    JSON.stringify(
      {
        totals: p.totals,
        memory: memoryJson(p.memory, names),
        nodes: p.nodes.map(nodeJson),
        targets: p.targets.map((t) => targetJson(t, names)),
      },
      null,
      2,
    ) + '\n'
  );
}
