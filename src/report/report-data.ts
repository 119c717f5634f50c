import type { Model } from '../ir/model.js';
import { summarizeModel, type ModelSummary } from '../ir/summary.js';
import type { Finding, TargetResult, TargetVerdict, Verdict } from '../check/finding.js';
import { topBlockers } from '../check/engine.js';
import { VERSION } from '../cli/version.js';
import { costSummaries, type CostSummary } from './cost-summary.js';

/** The JSON report (stable; documented in README.md "JSON report"). */
export interface JsonReport {
  tool: { name: 'convcheck'; version: string };
  model: Omit<ModelSummary, 'metadata' | 'subgraphNodes' | 'weightBytes' | 'fileSize'> & { fileSize: number };
  targets: {
    id: string;
    title: string;
    toolchain: string;
    verdict: TargetVerdict;
    counts: Record<Verdict, number>;
    topBlockers: ReturnType<typeof topBlockers>;
    /** What the model costs on the target (src/report/cost-summary.ts), when the report asked for it. */
    cost?: CostSummary;
  }[];
  findings: Omit<Finding, 'irNode'>[];
}

export function buildReport(model: Model, results: TargetResult[], options: { cost?: boolean } = {}): JsonReport {
  const s = summarizeModel(model);
  const costs = options.cost ? costSummaries(model, results) : [];
  return {
    tool: { name: 'convcheck', version: VERSION },
    model: {
      path: s.path,
      format: s.format,
      producer: s.producer,
      opsets: s.opsets,
      nodes: s.nodes,
      ops: s.ops,
      inputs: s.inputs,
      outputs: s.outputs,
      params: s.params,
      fileSize: s.fileSize,
    },
    targets: results.map((r, i) => ({
      id: r.id,
      title: r.title,
      toolchain: r.toolchain,
      verdict: r.verdict,
      counts: r.counts,
      topBlockers: topBlockers(r),
      ...(costs[i] ? { cost: costs[i] } : {}),
    })),
    findings: results.flatMap((r) => r.findings.map(({ irNode: _n, ...f }) => f)),
  };
}
