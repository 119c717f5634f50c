import type { Node } from '../ir/node.js';
import type { Value } from '../ir/value.js';
import type { RewriteContext, Rewrite } from './define.js';
import { defineRewrite } from './define.js';
import { Builder, replaceNode } from './builder.js';
import type { RewriteId } from './rule-ids.js';

/**
 * An exact decomposition of a one-input default-domain op: `build` returns the replacement of
 * `op(x)` made of other ops; the node's output keeps its consumers (and its name when a graph output).
 */
export function unaryDecomposition(spec: {
  id: RewriteId;
  op: string;
  description: string;
  source: string;
  when?: (n: Node, ctx: RewriteContext) => boolean;
  build: (b: Builder, x: Value, n: Node) => Value;
}): Rewrite<Node> {
  return defineRewrite({
    id: spec.id,
    description: spec.description,
    safety: 'exact',
    source: spec.source,
    match: (n, ctx) =>
      n && n.op === spec.op && !n.domain && n.inputs[0] && n.outputs[0] && (spec.when?.(n, ctx) ?? true) ? n : null,
    apply(n, ctx) {
      const b = new Builder(ctx.graph, n, n.name || spec.op.toLowerCase());
      replaceNode(ctx.graph, n, spec.build(b, n.inputs[0]!, n));
      return b.created;
    },
  });
}
