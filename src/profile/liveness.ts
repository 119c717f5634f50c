/**
 * Peak activation memory of a schedule (an order of the nodes), with liveness: a tensor is allocated when its
 * producer runs and freed after its last consumer ran; graph inputs live from the start, graph outputs to the end.
 * While a node runs, its inputs and its outputs are all live. Weights are not activations.
 */

/** The graph reduced to what liveness needs: per node the activation ids it reads and writes, and their sizes. */
export interface LivenessGraph {
  nodeCount: number;
  reads: number[][];
  writes: number[][];
  /** Size in bytes per activation id. */
  bytes: number[];
  /** Activations live from the start (graph inputs). */
  initial: number[];
  /** Activations kept to the end (graph outputs). */
  kept: number[];
}

export interface ScheduleMemory {
  order: number[];
  peakBytes: number;
  /** The node running when the peak is reached. */
  peakNode: number;
}

/** Remaining consumers per activation at the start. */
function consumerCounts(g: LivenessGraph): number[] {
  const counts = new Array<number>(g.bytes.length).fill(0);
  for (const reads of g.reads) for (const id of new Set(reads)) counts[id]!++;
  return counts;
}

/** Peak activation memory of running the nodes in `order`. */
export function scheduleMemory(g: LivenessGraph, order: number[]): ScheduleMemory {
  const remaining = consumerCounts(g);
  const kept = new Set(g.kept);
  let live = 0;
  for (const id of new Set(g.initial)) if (remaining[id]! > 0 || kept.has(id)) live += g.bytes[id]!;
  let peakBytes = live,
    peakNode = -1;
  for (const n of order) {
    const produced = [...new Set(g.writes[n]!)];
    for (const id of produced) live += g.bytes[id]!;
    if (live > peakBytes) [peakBytes, peakNode] = [live, n];
    for (const id of new Set(g.reads[n]!)) if (--remaining[id]! === 0 && !kept.has(id)) live -= g.bytes[id]!;
    for (const id of produced) if (remaining[id] === 0 && !kept.has(id)) live -= g.bytes[id]!;
  }
  return { order, peakBytes, peakNode };
}

/** Node → the nodes it depends on (producers of what it reads). */
function predecessors(g: LivenessGraph): number[][] {
  const producer = new Map<number, number>();
  g.writes.forEach((ids, n) => ids.forEach((id) => producer.set(id, n)));
  return g.reads.map((ids) => [...new Set(ids.map((id) => producer.get(id)).filter((p) => p !== undefined))]);
}

/** Graphs up to this many nodes get the exact minimum-peak schedule (dynamic programming over executed sets). */
export const EXACT_SCHEDULE_LIMIT = 18;

/**
 * A schedule that lowers the peak: exact for small graphs, otherwise greedy (among the ready nodes run the one
 * whose run adds the least memory net of what it frees, ties in the given order). Never worse than `given`.
 */
export function lowerPeakSchedule(g: LivenessGraph, given: number[]): ScheduleMemory {
  const baseline = scheduleMemory(g, given);
  const candidate = g.nodeCount <= EXACT_SCHEDULE_LIMIT ? exactSchedule(g) : greedySchedule(g, given);
  const result = scheduleMemory(g, candidate);
  return result.peakBytes < baseline.peakBytes ? result : baseline;
}

function greedySchedule(g: LivenessGraph, given: number[]): number[] {
  const preds = predecessors(g);
  const succs: number[][] = Array.from({ length: g.nodeCount }, () => []);
  preds.forEach((ps, n) => ps.forEach((p) => succs[p]!.push(n)));
  const waiting = preds.map((ps) => ps.length);
  const rank = new Map(given.map((n, i) => [n, i]));
  const remaining = consumerCounts(g);
  const kept = new Set(g.kept);
  const ready = new Set(given.filter((n) => waiting[n] === 0));
  const netGrowth = (n: number): number => {
    let delta = 0;
    for (const id of new Set(g.writes[n]!)) if (remaining[id]! > 0 || kept.has(id)) delta += g.bytes[id]!;
    for (const id of new Set(g.reads[n]!)) if (remaining[id] === 1 && !kept.has(id)) delta -= g.bytes[id]!;
    return delta;
  };
  const order: number[] = [];
  while (ready.size) {
    let best = -1;
    for (const n of ready) {
      if (best < 0) best = n;
      else {
        const diff = netGrowth(n) - netGrowth(best);
        if (diff < 0 || (diff === 0 && rank.get(n)! < rank.get(best)!)) best = n;
      }
    }
    ready.delete(best);
    order.push(best);
    for (const id of new Set(g.reads[best]!)) remaining[id]!--;
    for (const s of succs[best]!) if (--waiting[s]! === 0) ready.add(s);
  }
  return order;
}

/** Minimum-peak topological order by dynamic programming over the sets of executed nodes (2^n states). */
function exactSchedule(g: LivenessGraph): number[] {
  const n = g.nodeCount;
  const predMask = predecessors(g).map((ps) => ps.reduce((m, p) => m | (1 << p), 0));
  const consumerMask = new Array<number>(g.bytes.length).fill(0);
  g.reads.forEach((ids, node) => ids.forEach((id) => (consumerMask[id]! |= 1 << node)));
  const producedBy = new Array<number>(g.bytes.length).fill(-1);
  g.writes.forEach((ids, node) => ids.forEach((id) => (producedBy[id] = node)));
  const kept = new Set(g.kept);
  const liveAfter = (done: number): number => {
    let bytes = 0;
    g.bytes.forEach((size, id) => {
      const exists = producedBy[id]! < 0 || (done & (1 << producedBy[id]!)) !== 0;
      const needed = kept.has(id) || (consumerMask[id]! & ~done) !== 0;
      if (exists && needed) bytes += size;
    });
    return bytes;
  };
  const full = (1 << n) - 1;
  const best = new Float64Array(1 << n).fill(Infinity);
  const last = new Int32Array(1 << n).fill(-1);
  best[0] = 0;
  for (let done = 0; done < full; done++) {
    if (best[done] === Infinity) continue;
    const base = liveAfter(done);
    for (let node = 0; node < n; node++) {
      const bit = 1 << node;
      if (done & bit || (predMask[node]! & done) !== predMask[node]) continue;
      let during = base;
      for (const id of new Set(g.writes[node]!)) during += g.bytes[id]!;
      const peak = Math.max(best[done]!, during);
      if (peak < best[done | bit]!) {
        best[done | bit] = peak;
        last[done | bit] = node;
      }
    }
  }
  const order: number[] = [];
  for (let done = full; done; done &= ~(1 << last[done]!)) order.unshift(last[done]!);
  return order;
}
