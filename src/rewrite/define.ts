import type { Graph } from '../ir/graph.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { RewriteId } from './rule-ids.js';

/** exact: equal up to float rounding; approx: an approximation; interface: changes inputs/outputs (shapes, dtypes). */
export type Safety = 'exact' | 'approx' | 'interface';

export interface RewriteContext {
  model: Model;
  graph: Graph;
  opset: number;
  /** Options of the run (e.g. input shapes for freeze-input-shapes). */
  options: {
    inputShapes?: Map<string, number[]>;
    foldCapBytes?: number;
    /** convert-opset: the default-domain opset to convert to. */ targetOpset?: number;
    /** The graph feeds an exporter (not an ONNX runtime): fusions may create ops newer than the model's opset. */
    forExport?: boolean;
  };
  /** Bytes the run's constant folding has added to the model so far (never more than the fold cap). */
  folded: { grownBytes: number };
  /** Why a wanted rewrite did not apply (e.g. an opset conversion refused), for the run's report. */
  notes: string[];
}

export interface Rewrite<M = unknown> {
  id: RewriteId;
  description: string;
  safety: Safety;
  source: string;
  /** Model-level rewrites (freeze-input-shapes) match once per graph with node = null. */
  scope?: 'node' | 'graph';
  match(node: Node | null, ctx: RewriteContext): M | null;
  /** Apply a match; returns the names of the nodes it created (for the record). */
  apply(match: M, ctx: RewriteContext): string[];
}

export function defineRewrite<M>(r: Rewrite<M>): Rewrite<M> {
  return r;
}
