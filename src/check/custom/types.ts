import type { NodeCtx, Outcome } from '../predicates.js';
export type CustomPredicate = (ctx: NodeCtx, args: Record<string, unknown>) => Outcome;
export type { NodeCtx, Outcome };
