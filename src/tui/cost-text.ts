/**
 * Cost as the terminal UI shows it: a compact MAC count for the node list's cost column (at most
 * five cells: 950, 12k, 3.4M, 1.2G) and the detail pane's cost lines for one node on one target.
 */
import type { NodeCost } from '../profile/node-cost.js';
import type { TargetCost } from '../profile/profile-model.js';
import { bytes, count, seconds } from '../report/profile/quantity.js';
import { termText } from '../report/safe-text.js';

const UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** A count in at most five cells: one decimal below 10 of a unit, none above ('?' when not counted). */
export function compactCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '?';
  for (const [size, unit] of UNITS) {
    if (n < size) continue;
    const v = n / size;
    return `${v < 9.95 ? v.toFixed(1) : Math.round(v)}${unit}`;
  }
  return String(Math.round(n));
}

const movedBytes = (c: NodeCost): string =>
  c.activationReadBytes !== null && c.activationWriteBytes !== null
    ? `${bytes(c.activationReadBytes)} read, ${bytes(c.activationWriteBytes)} written`
    : 'unknown (shapes not static)';

/** Stand-ins for the few non-ASCII characters of the cost lines on a terminal that is not UTF-8. */
const ASCII: Record<string, string> = { '≥': '>=', '–': '-', µ: 'u' };
const toAscii = (s: string): string => s.replace(/[≥–µ]/g, (ch) => ASCII[ch]!);

/** The detail pane's lines about what a node costs on a target, and how the roofline bounds it. */
export function costLines(cost: NodeCost, target: TargetCost, options: { ascii?: boolean } = {}): string[] {
  const lines = nodeCostLines(cost, target);
  return options.ascii ? lines.map(toAscii) : lines;
}

function nodeCostLines(cost: NodeCost, target: TargetCost): string[] {
  const lines = [
    `cost: ${count(cost.macs)} MACs${cost.otherOps ? `, ${count(cost.otherOps)} other ops` : ''}, ${count(cost.params)} params, weights ${bytes(cost.weightBytes)} at ${target.precision}`,
    `  activations ${movedBytes(cost)}${cost.intensity !== null ? `; ${cost.intensity.toFixed(1)} ops/byte` : ''}`,
  ];
  const cpu = target.cpuLayers.find((c) => c.node === cost.node);
  if (cpu) return [...lines, `  on the CPU (${termText(cpu.reason)}): not in the accelerator estimate`];
  const estimate = target.layers.get(cost.node);
  const hw = target.hardware;
  if (!estimate || !hw?.peakTops[target.precision]) return [...lines, '  roofline: no published peak for this target'];
  const time = Math.max(estimate.computeSeconds ?? 0, estimate.memorySeconds ?? 0);
  const both = (estimate.computeSeconds ?? 0) + (estimate.memorySeconds ?? 0);
  const range = estimate.memorySeconds === null ? `≥ ${seconds(time)}` : `${seconds(time)} – ${seconds(both)}`;
  return [...lines, `  roofline (${termText(hw.chip)}): ${estimate.bound}-bound, ${range}`];
}
