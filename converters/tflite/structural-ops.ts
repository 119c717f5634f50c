/**
 * Operators handled before the op table because they need the importer itself: subgraphs (control flow,
 * calls, composites), resource variables, custom ops whose output shapes come from their options.
 * One explicit list; an op name may appear once.
 */
import type { Origin } from '../../src/ir/node.js';
import type { TflOperator } from './read-model.js';
import type { SubgraphImporter } from './subgraph-importer.js';
import { controlFlowOps } from './control-flow.js';
import { customOps } from './custom-ops.js';

/** Emits the operator (true), or declines (false): the op table or the foreign fallback takes it. */
export type StructuralOp = (imp: SubgraphImporter, op: TflOperator, origin: Origin) => boolean;

const FAMILIES: readonly Record<string, StructuralOp>[] = [controlFlowOps, customOps];

export const STRUCTURAL_OPS: Readonly<Record<string, StructuralOp>> = Object.assign({}, ...FAMILIES);
