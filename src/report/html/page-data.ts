import type { Model } from '../../ir/model.js';
import type { Node } from '../../ir/node.js';
import type { Value } from '../../ir/value.js';
import type { Attr } from '../../ir/attr.js';
import type { TargetResult, Verdict } from '../../check/finding.js';
import { formatShape } from '../../ir/shape.js';
import type { JsonReport } from '../report-data.js';
import { layeredLayout } from './layered-layout.js';
import { bound } from '../safe-text.js';

/** Verdicts as small codes in the page data (index into this list). */
export const VERDICT_CODES: readonly (Verdict | 'none')[] = ['supported', 'partial', 'unsupported', 'unknown', 'none'];

export interface PageNode {
  name: string;
  op: string;
  x: number;
  y: number;
  w: number;
  /** Verdict code per target (VERDICT_CODES index), in the order of PageData.targets. */
  v: number[];
  origin?: string;
  inputs: string[];
  outputs: string[];
  attrs: string[];
  /** Indices into PageData.findings. */
  f: number[];
}

export interface PageData {
  model: JsonReport['model'];
  tool: string;
  targets: JsonReport['targets'];
  findings: JsonReport['findings'];
  nodes: PageNode[];
  edges: [number, number][];
  width: number;
  height: number;
}

const MAX_TEXT = 160;
const bounded = (s: string): string => bound(s, MAX_TEXT);

function attrText(name: string, a: Attr): string {
  const shown: Record<string, () => string> = {
    float: () => String(a.value),
    int: () => String(a.value),
    string: () => JSON.stringify(a.value),
    floats: () => `[${(a.value as number[]).join(', ')}]`,
    ints: () => `[${(a.value as number[]).join(', ')}]`,
    strings: () => JSON.stringify(a.value),
    tensor: () => 'tensor',
    graph: () => 'subgraph',
  };
  return bounded(`${name} = ${(shown[a.type] ?? (() => a.type))()}`);
}

function valueText(v: Value | null): string {
  return v ? bounded(`${v.name}: ${v.dtype ?? '?'}${formatShape(v.shape)}${v.data ? ' (constant)' : ''}`) : '(none)';
}

function opOf(n: Node): string {
  return n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.op}` : n.op;
}

/** What the HTML page needs: the drawn graph (laid out here), per-target verdicts per node, the report. */
export function buildPageData(model: Model, results: TargetResult[], report: JsonReport): PageData {
  const drawn = model.graph.nodes.filter((n) => !(n.op === 'Constant' && !n.domain));
  const index = new Map(drawn.map((n, i) => [n, i]));
  const edges: [number, number][] = [];
  drawn.forEach((n, to) => {
    for (const v of n.inputs) {
      const from = v?.producer ? index.get(v.producer) : undefined;
      if (from !== undefined) edges.push([from, to]);
    }
  });
  const widths = drawn.map((n) => Math.min(40 + 7 * opOf(n).length, 220));
  const graphInputs = new Set(model.graph.inputs.filter((v) => !v.data));
  const roots = drawn.map((n) => n.inputs.some((v) => !!v && graphInputs.has(v)));
  const layout = layeredLayout({ count: drawn.length, edges, widths, roots });
  const findingKey = (f: { target: string; ruleId: string; node: string }): string =>
    `${f.target}\u0000${f.ruleId}\u0000${f.node}`;
  const reported = new Map<string, number>();
  report.findings.forEach((f, i) => reported.set(findingKey(f), i));
  const findingsByNode = new Map<Node, number[]>();
  for (const f of results.flatMap((r) => r.findings)) {
    const i = reported.get(findingKey(f));
    if (!f.irNode || i === undefined) continue;
    findingsByNode.set(f.irNode, [...(findingsByNode.get(f.irNode) ?? []), i]);
  }
  const nodes = drawn.map((n, i): PageNode => ({
    name: bounded(n.name || `${n.op}#${i}`),
    op: bounded(opOf(n)),
    x: Math.round(layout.x[i]!),
    y: Math.round(layout.y[i]!),
    w: widths[i]!,
    v: results.map((r) => VERDICT_CODES.indexOf(r.nodeVerdicts.get(n) ?? 'none')),
    ...(n.origin ? { origin: bounded(`${n.origin.name} (${n.origin.type})`) } : {}),
    inputs: n.inputs.map(valueText),
    outputs: n.outputs.map(valueText),
    attrs: [...n.attrs].map(([k, a]) => attrText(k, a)),
    f: findingsByNode.get(n) ?? [],
  }));
  return {
    model: report.model,
    tool: `${report.tool.name} ${report.tool.version}`,
    targets: report.targets,
    findings: report.findings,
    nodes,
    edges,
    width: Math.round(layout.width),
    height: Math.round(layout.height),
  };
}
