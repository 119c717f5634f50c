import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { HardwareDef } from '../check/target-types.js';
import type { Finding, TargetResult } from '../check/finding.js';
import { costAt, costBasis, type CostBasis, type NodeCost } from './node-cost.js';
import { planMemory, type MemoryPlan } from './memory-plan.js';
import { estimateLayer, latencyRange, type LatencyRange, type LayerEstimate } from './roofline.js';
import { defaultPrecision, hardwareOf } from './hardware.js';
import type { Precision } from './precision.js';

export interface ModelTotals {
  macs: number;
  otherOps: number;
  params: number;
  weightBytes: number;
  /** Nodes whose cost could not be counted (a shape is not static). */
  uncounted: number;
}

export interface TargetCost {
  target: string;
  precision: Precision;
  hardware: HardwareDef | null;
  layers: Map<Node, LayerEstimate>;
  /** Every node's cost at the target's precision. */
  nodeCosts: Map<Node, NodeCost>;
  /** Layers that run on the accelerator vs those the checker sends to the CPU (or that cannot run). */
  cpuLayers: { node: Node; reason: string; cost: NodeCost }[];
  latency: LatencyRange;
  /** Layers that dominate the estimate (compute time, else MACs), most first. */
  dominant: Node[];
  totals: ModelTotals;
  memory: MemoryPlan;
}

export interface ModelProfile {
  /** Costs at the model's own precision (fp32 bytes for fp32 tensors). */
  nodes: NodeCost[];
  totals: ModelTotals;
  memory: MemoryPlan;
  targets: TargetCost[];
}

/** Each node's cost basis, in graph order (a weight read by several nodes counts at the first). */
function costBases(model: Model): CostBasis[] {
  const counted = new Set<Value>();
  return model.graph.nodes.map((n) => costBasis(n, counted));
}

function totalsOf(costs: NodeCost[]): ModelTotals {
  const totals: ModelTotals = { macs: 0, otherOps: 0, params: 0, weightBytes: 0, uncounted: 0 };
  for (const c of costs) {
    if (c.macs === null || c.otherOps === null) totals.uncounted++;
    totals.macs += c.macs ?? 0;
    totals.otherOps += c.otherOps ?? 0;
    totals.params += c.params;
    totals.weightBytes += c.weightBytes;
  }
  return totals;
}

/** The checker's findings of one target by node (one pass over the findings). */
function findingsByNode(check: TargetResult | undefined): Map<Node, Finding[]> {
  const byNode = new Map<Node, Finding[]>();
  for (const f of check?.findings ?? []) {
    if (!f.irNode) continue;
    const list = byNode.get(f.irNode);
    if (list) list.push(f);
    else byNode.set(f.irNode, [f]);
  }
  return byNode;
}

/** Why the checker keeps a node off the accelerator, or null when it runs there. */
function cpuReason(findings: Finding[] | undefined): string | null {
  if (!findings) return null;
  const fallback = findings.find((f) => f.fallback === 'cpu');
  if (fallback) return `${fallback.ruleId}: falls back to the CPU`;
  const blocker = findings.find((f) => f.verdict === 'unsupported');
  return blocker ? `${blocker.ruleId}: cannot run on the accelerator` : null;
}

function rankByWeight(costs: NodeCost[], layers: Map<Node, LayerEstimate>, count: number): Node[] {
  const weight = (c: NodeCost): number => layers.get(c.node)?.computeSeconds ?? c.macs ?? 0;
  return [...costs]
    .sort((a, b) => weight(b) - weight(a))
    .slice(0, count)
    .map((c) => c.node);
}

/** What targets of one precision share: the node costs, their totals and the memory plan. */
interface AtPrecision {
  costs: NodeCost[];
  totals: ModelTotals;
  memory: MemoryPlan;
}

function profileTarget(
  spec: string,
  check: TargetResult | undefined,
  override: Precision | null,
  at: (precision: Precision) => AtPrecision,
): TargetCost {
  const precision = override ?? defaultPrecision(spec);
  const hardware = hardwareOf(spec);
  const { costs, totals, memory } = at(precision);
  const layers = new Map<Node, LayerEstimate>();
  const cpuLayers: TargetCost['cpuLayers'] = [];
  const findings = findingsByNode(check);
  for (const cost of costs) {
    const reason = cpuReason(findings.get(cost.node));
    if (reason) cpuLayers.push({ node: cost.node, reason, cost });
    else layers.set(cost.node, estimateLayer(cost, hardware, precision));
  }
  return {
    target: check?.id ?? spec,
    precision,
    hardware,
    layers,
    nodeCosts: new Map(costs.map((c) => [c.node, c])),
    cpuLayers,
    latency: latencyRange([...layers.values()]),
    dominant: rankByWeight(costs, layers, 5),
    totals,
    memory,
  };
}

export interface ProfileOptions {
  targets?: string[];
  /** The checker's result for each of `targets`, in the same order (for the CPU-fallback layers). */
  checks?: TargetResult[];
  precision?: Precision | null;
  /** Search a schedule that lowers the peak activation memory (default true; costly on large graphs). */
  lowerSchedule?: boolean;
}

/** Per target a roofline estimate, its CPU-fallback layers and the memory plan at the target's precision. */
export function profileTargets(model: Model, options: ProfileOptions = {}): TargetCost[] {
  const lower = options.lowerSchedule ?? true;
  // the node costs' bases are computed once; targets of one precision share their node costs and memory plan
  // (five targets compute in two or three precisions; the schedule search is the costly part on large graphs)
  const shared = new Map<Precision, AtPrecision>();
  let bases: CostBasis[] | undefined;
  const at = (precision: Precision): AtPrecision => {
    let entry = shared.get(precision);
    if (!entry) {
      bases ??= costBases(model);
      const costs = bases.map((b) => costAt(b, precision));
      entry = { costs, totals: totalsOf(costs), memory: planMemory(model.graph, precision, lower) };
      shared.set(precision, entry);
    }
    return entry;
  };
  return (options.targets ?? []).map((spec, i) =>
    profileTarget(spec, options.checks?.[i], options.precision ?? null, at),
  );
}

/** Cost of a model per node and in total, its peak activation memory, and per target a roofline estimate. */
export function profileModel(model: Model, options: ProfileOptions = {}): ModelProfile {
  const nodes = costBases(model).map((b) => costAt(b, null));
  return {
    nodes,
    totals: totalsOf(nodes),
    memory: planMemory(model.graph, null, options.lowerSchedule ?? true),
    targets: profileTargets(model, options),
  };
}
