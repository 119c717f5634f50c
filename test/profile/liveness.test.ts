import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lowerPeakSchedule, scheduleMemory, type LivenessGraph } from '../../src/profile/liveness.js';

/** A seeded random DAG: node i reads 1–3 activations produced earlier (or graph inputs) and writes 1–2. */
function randomGraph(seed: number, nodeCount: number): LivenessGraph {
  let state = seed;
  const rand = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const bytes: number[] = [1 + rand(50), 1 + rand(50)];
  const initial = [0, 1];
  const reads: number[][] = [];
  const writes: number[][] = [];
  for (let n = 0; n < nodeCount; n++) {
    const available = bytes.length;
    reads.push(Array.from({ length: 1 + rand(3) }, () => rand(available)));
    writes.push(Array.from({ length: 1 + rand(2) }, () => bytes.push(1 + rand(100)) - 1));
  }
  const kept = [bytes.length - 1];
  return { nodeCount, reads, writes, bytes, initial, kept };
}

/** Independent reference: simulate an order step by step from first principles. */
function simulatePeak(g: LivenessGraph, order: number[]): number {
  const lastUse = new Map<number, number>();
  order.forEach((node, step) => g.reads[node]!.forEach((id) => lastUse.set(id, step)));
  const kept = new Set(g.kept);
  const bornAt = new Map<number, number>(g.initial.map((id) => [id, -1]));
  order.forEach((node, step) => g.writes[node]!.forEach((id) => bornAt.set(id, step)));
  let peak = 0;
  for (let step = -1; step < order.length; step++) {
    let live = 0;
    for (const [id, born] of bornAt) {
      const diesAfter = kept.has(id) ? Infinity : (lastUse.get(id) ?? born);
      if (born <= step && step <= diesAfter && (step >= 0 || lastUse.has(id) || kept.has(id))) live += g.bytes[id]!;
    }
    peak = Math.max(peak, live);
  }
  return peak;
}

function topologicalOrders(g: LivenessGraph): number[][] {
  const producer = new Map<number, number>();
  g.writes.forEach((ids, n) => ids.forEach((id) => producer.set(id, n)));
  const deps = g.reads.map((ids) => new Set(ids.map((id) => producer.get(id)).filter((p) => p !== undefined)));
  const orders: number[][] = [];
  const extend = (order: number[], done: Set<number>): void => {
    if (order.length === g.nodeCount) return void orders.push([...order]);
    for (let n = 0; n < g.nodeCount; n++) {
      if (done.has(n) || [...deps[n]!].some((d) => !done.has(d!))) continue;
      done.add(n);
      order.push(n);
      extend(order, done);
      order.pop();
      done.delete(n);
    }
  };
  extend([], new Set());
  return orders;
}

test('peak memory of a schedule equals a step-by-step simulation, on 200 random graphs and all their orders', () => {
  let orders = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const g = randomGraph(seed, 3 + (seed % 5));
    for (const order of topologicalOrders(g)) {
      orders++;
      assert.is(scheduleMemory(g, order).peakBytes, simulatePeak(g, order), `seed ${seed} order ${order}`);
    }
  }
  assert.ok(orders > 1000, `${orders} orders checked`);
});

test('the lowered schedule reaches the brute-force minimum peak on small graphs', () => {
  let improved = 0;
  for (let seed = 1; seed <= 120; seed++) {
    const g = randomGraph(seed * 7, 4 + (seed % 5));
    const all = topologicalOrders(g);
    const minimum = Math.min(...all.map((o) => simulatePeak(g, o)));
    const given = [...Array(g.nodeCount).keys()];
    const lowered = lowerPeakSchedule(g, given);
    assert.is(lowered.peakBytes, minimum, `seed ${seed}`);
    assert.ok(
      all.some((o) => o.join() === lowered.order.join()),
      'a valid topological order',
    );
    if (lowered.peakBytes < scheduleMemory(g, given).peakBytes) improved++;
  }
  assert.ok(improved > 0, 'some graph order is not already optimal');
});

test.run();
