import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layeredLayout, type LayoutInput } from '../../src/report/html/layered-layout.js';

function randomDag(seed: number, count: number): LayoutInput {
  let state = seed;
  const rand = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const edges: [number, number][] = [];
  for (let to = 1; to < count; to++) {
    edges.push([to - 1 - rand(Math.min(to, 3)), to]);
    if (rand(5) === 0) edges.push([rand(to), to]);
  }
  const widths = Array.from({ length: count }, () => 60 + rand(100));
  return { count, edges, widths, roots: Array.from({ length: count }, (_, n) => n === 0) };
}

function checkLayout(input: LayoutInput): void {
  const layout = layeredLayout(input);
  for (const [from, to] of input.edges)
    assert.ok(layout.layer[to]! > layout.layer[from]!, `edge ${from}→${to} points down`);
  const byLayer = new Map<number, number[]>();
  layout.layer.forEach((l, n) => byLayer.set(l, [...(byLayer.get(l) ?? []), n]));
  for (const nodes of byLayer.values()) {
    const sorted = [...nodes].sort((a, b) => layout.x[a]! - layout.x[b]!);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!,
        b = sorted[i]!;
      const gap = layout.x[b]! - layout.x[a]! - (input.widths[a]! + input.widths[b]!) / 2;
      assert.ok(gap >= 23.999, `nodes ${a} and ${b} overlap (gap ${gap})`);
    }
  }
  for (let n = 0; n < input.count; n++) {
    assert.ok(layout.x[n]! - input.widths[n]! / 2 >= 0 && layout.x[n]! + input.widths[n]! / 2 <= layout.width);
    assert.ok(layout.y[n]! >= 0 && layout.y[n]! <= layout.height);
  }
}

test('layered layout: every edge points down, no two boxes of a layer overlap, all inside the canvas', () => {
  for (let seed = 1; seed <= 40; seed++) checkLayout(randomDag(seed, 20 + seed * 7));
});

test('a 5 000-node graph lays out (no recursion, no quadratic blow-up)', () => {
  checkLayout(randomDag(99, 5000));
});

test('shape glue not reached from the inputs hangs just above its consumer', () => {
  // 0 → 1 → 2 → 3 → 4 is the data flow; 5 → 6 is glue feeding node 4
  const layout = layeredLayout({
    count: 7,
    edges: [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [5, 6],
      [6, 4],
    ],
    widths: Array(7).fill(80),
    roots: [true, false, false, false, false, false, false],
  });
  assert.equal(layout.layer, [0, 1, 2, 3, 4, 2, 3]);
});

test.run();
