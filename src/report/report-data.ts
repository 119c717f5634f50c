import type { Model } from '../ir/model.js';
import { summarizeModel, type ModelSummary } from '../ir/summary.js';
import type { Finding, TargetResult, TargetVerdict, Verdict } from '../check/finding.js';
import { topBlockers } from '../check/engine.js';
import { VERSION } from '../cli/version.js';

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
  }[];
  findings: Omit<Finding, 'irNode'>[];
}

export function buildReport(model: Model, results: TargetResult[]): JsonReport {
  const s = summarizeModel(model);
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
    targets: results.map((r) => ({
      id: r.id,
      title: r.title,
      toolchain: r.toolchain,
      verdict: r.verdict,
      counts: r.counts,
      topBlockers: topBlockers(r),
    })),
    findings: results.flatMap((r) => r.findings.map(({ irNode: _n, ...f }) => f)),
  };
}
