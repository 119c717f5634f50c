/**
 * Structural limits on an input model. A model's structure is untrusted: without bounds a crafted
 * file nests subgraphs until the stack overflows or asks for millions of attributes. Each limit is
 * named here, in one table, far above what real networks use; exceeding one is an InputError
 * (`convcheck: m.onnx: subgraphs nested deeper than 64 levels`, exit 2).
 */
import { InputError } from './input-error.js';

interface Limit {
  max: number;
  /** The problem, as the one-line error states it. */
  says: (max: number, found: number) => string;
}

export const LIMITS = {
  /** ONNX If/Loop/Scan bodies within bodies (real models: a handful). */
  subgraphDepth: { max: 64, says: (max) => `subgraphs nested deeper than ${max} levels` },
  /** Nodes in the whole model, subgraphs included (the largest public ONNX models: ~100 000). */
  nodes: { max: 2_000_000, says: (max, n) => `more than ${max} nodes (${n} or more)` },
  /** Attributes of one node (ONNX ops define at most ~20; Caffe layers' params similarly). */
  attributesPerNode: { max: 4096, says: (max, n) => `a node with ${n} attributes (more than ${max})` },
  /** Inputs or outputs of one node (Concat/Split of real models: a few hundred at most). */
  valuesPerNode: { max: 65_536, says: (max, n) => `a node with ${n} inputs or outputs (more than ${max})` },
  /** Characters of one name: node, value, graph, layer, tensor, op type. */
  nameLength: { max: 65_536, says: (max, n) => `a name of ${n} characters (more than ${max})` },
  /** Nesting of prototxt messages (`layer { convolution_param { weight_filler { … } } }`: 3–4 in practice). */
  prototxtDepth: { max: 64, says: (max) => `prototxt messages nested deeper than ${max} levels` },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** The problem a limit states when `found` exceeds it. */
export function limitProblem(name: LimitName, found: number): string {
  const limit: Limit = LIMITS[name];
  return limit.says(limit.max, found);
}

/** Throw the limit's one-line InputError when `found` exceeds it. */
export function enforceLimit(file: string, name: LimitName, found: number): void {
  if (found > LIMITS[name].max) throw new InputError(file, limitProblem(name, found));
}

/** Check the name-length limit for one name (undefined/null are skipped). */
export function enforceNameLength(file: string, name: string | null | undefined): void {
  if (name) enforceLimit(file, 'nameLength', name.length);
}
