/**
 * A linter-style rule tester: graphs (IR text form) that must not match, graphs that must be
 * rewritten to a given result, and a numeric check in onnxruntime before/after on several fills.
 */
import * as assert from 'uvu/assert';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';
import { toOnnxBytes } from '../../converters/onnx/export.js';
import { runOrt, type Feeds } from './ort.js';
import { compareOutputs, describeComparison, DEFAULT_TOLERANCE } from '../../src/verify/compare.js';
import { seeded } from '../../src/ir/text.js';
import type { Model } from '../../src/ir/model.js';

export interface RuleCase {
  name?: string;
  graph: string;
  ops?: string[];
  inputShapes?: Map<string, number[]>;
  targetOpset?: number;
}

const FILLS: [string, (r: () => number) => number][] = [
  ['uniform(-1,1)', (r) => r() * 2 - 1],
  ['zeros and ones', (r) => (r() < 0.5 ? 0 : r() < 0.5 ? 1 : -1)],
  ['large(±50)', (r) => (r() * 2 - 1) * 50],
];

function feeds(m: Model, fill: (r: () => number) => number, seed: number): Feeds {
  const r = seeded(seed);
  return Object.fromEntries(
    m.graph.inputs
      .filter((v) => !v.data)
      .map((v) => {
        const dims = v.shape as number[];
        return [
          v.name,
          {
            dtype: 'float32',
            dims,
            data: Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => fill(r)),
          },
        ];
      }),
  );
}

/** The rule leaves these graphs alone. */
export function expectNoMatch(rule: string, cases: RuleCase[]): void {
  for (const c of cases) {
    const m = parseModelText(c.graph);
    const before = m.graph.nodes.map((n) => `${n.op}(${n.inputs.map((v) => v?.name).join(',')})`);
    const run = runRewrites(m, new Set([rule]), { inputShapes: c.inputShapes, targetOpset: c.targetOpset });
    assert.is(run.applications.length, 0, `${rule} must not match ${c.name ?? c.graph}`);
    assert.equal(
      m.graph.nodes.map((n) => `${n.op}(${n.inputs.map((v) => v?.name).join(',')})`),
      before,
    );
  }
}

/** The rule rewrites these graphs: the op list after it is `ops`, and onnxruntime gives the same outputs. */
export async function expectRewrite(rule: string, cases: RuleCase[], tol = DEFAULT_TOLERANCE): Promise<void> {
  for (const c of cases) {
    const m = parseModelText(c.graph);
    const original = toOnnxBytes(m);
    const run = runRewrites(m, new Set([rule]), { inputShapes: c.inputShapes, targetOpset: c.targetOpset });
    assert.ok(
      run.applications.some((a) => a.rule === rule),
      `${rule} applies to ${c.name ?? c.graph}`,
    );
    if (c.ops)
      assert.equal(
        m.graph.nodes.map((n) => n.op),
        c.ops,
        `${rule}: ops after rewriting`,
      );
    const rewritten = toOnnxBytes(m);
    for (const [i, [fname, fill]] of FILLS.entries()) {
      const f = feeds(m, fill, 5 + i);
      const a = await runOrt(original, f),
        b = await runOrt(rewritten, f);
      const cmp = compareOutputs(b, a, tol);
      for (const o of cmp.outputs)
        assert.ok(o.ok, `${rule} ${c.name ?? ''} output ${o.output} on ${fname}: ${describeComparison(o)}`);
    }
  }
}
