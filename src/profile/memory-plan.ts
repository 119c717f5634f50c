import type { Graph } from '../ir/graph.js';
import type { Value } from '../ir/value.js';
import { isStaticShape, numel } from '../ir/shape.js';
import { lowerPeakSchedule, scheduleMemory, type LivenessGraph, type ScheduleMemory } from './liveness.js';
import { storedBytes, type Precision } from './precision.js';

export interface MemoryPlan {
  /** Peak activation bytes in the graph's own node order. */
  graphOrder: ScheduleMemory;
  /** A schedule that lowers the peak (exact on small graphs), never above graphOrder. */
  lowered: ScheduleMemory;
  /** Activations whose shape is not static (counted as 0 bytes: the peak is then a lower bound). */
  unknownSizes: number;
  /** The largest activations. */
  largest: { value: Value; bytes: number }[];
}

/** Build the liveness view of a graph: activations are the non-constant values. */
function livenessGraph(
  graph: Graph,
  precision: Precision | null,
): { g: LivenessGraph; values: Value[]; unknown: number } {
  const ids = new Map<Value, number>();
  const values: Value[] = [];
  const bytes: number[] = [];
  let unknown = 0;
  const idOf = (v: Value): number => {
    let id = ids.get(v);
    if (id === undefined) {
      id = values.length;
      ids.set(v, id);
      values.push(v);
      const size = isStaticShape(v.shape) ? storedBytes(v.dtype, numel(v.shape), precision) : null;
      if (size === null) unknown++;
      bytes.push(size ?? 0);
    }
    return id;
  };
  const isActivation = (v: Value | null): v is Value => !!v && !v.data;
  const reads = graph.nodes.map((n) => n.inputs.filter(isActivation).map(idOf));
  const writes = graph.nodes.map((n) => n.outputs.filter(isActivation).map(idOf));
  const initial = graph.inputs.filter(isActivation).map(idOf);
  const kept = graph.outputs.filter(isActivation).map(idOf);
  return { g: { nodeCount: graph.nodes.length, reads, writes, bytes, initial, kept }, values, unknown };
}

/** `lower: false` skips the schedule search (`lowered` is then the graph order), for summaries that report only the graph order. */
export function planMemory(graph: Graph, precision: Precision | null, lower = true, largestCount = 5): MemoryPlan {
  const { g, values, unknown } = livenessGraph(graph, precision);
  const given = graph.nodes.map((_, i) => i);
  const largest = values
    .map((value, id) => ({ value, bytes: g.bytes[id]! }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, largestCount);
  const graphOrder = scheduleMemory(g, given);
  const lowered = lower ? lowerPeakSchedule(g, given) : graphOrder;
  return { graphOrder, lowered, unknownSizes: unknown, largest };
}
