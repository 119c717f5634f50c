/**
 * The dependency rules between the layers of docs/architecture.md, as data: an import from a file matching `from`
 * of a module matching `to` breaks the rule.
 */
import type { ImportEdge } from './import-edges.js';

export interface LayerRule {
  id: string;
  why: string;
  from: RegExp;
  to: RegExp;
}

export const LAYER_RULES: LayerRule[] = [
  {
    id: 'converters-stay-adapters',
    why: 'converters/ are format adapters (bytes ⇄ IR): they never import the checker, the rewriter or the fix session',
    from: /^converters\//,
    to: /^src\/(check|rewrite|fix)(\/|$)/,
  },
  {
    id: 'core-is-format-free',
    why: 'src/ is format-free: only the app layer (src/cli, src/tui) imports converters/',
    from: /^src\/(?!cli\/|tui\/)/,
    to: /^converters(\/|$)/,
  },
  {
    id: 'exporters-behind-pipeline',
    why: 'the ncnn and Caffe exporters translate prepared models: only src/cli/export-pipeline calls them',
    from: /^src\/(?!cli\/export-pipeline\/)/,
    to: /^converters\/(ncnn|caffe)\/export/,
  },
];

export interface Violation {
  rule: string;
  edge: ImportEdge;
}

export function violations(edges: readonly ImportEdge[], rules: readonly LayerRule[] = LAYER_RULES): Violation[] {
  return edges.flatMap((edge) =>
    rules.filter((r) => r.from.test(edge.from) && r.to.test(edge.to)).map((r) => ({ rule: r.id, edge })),
  );
}

export const violationText = (v: Violation): string => `${v.edge.from}:${v.edge.line} imports ${v.edge.to} [${v.rule}]`;
