import type { Node } from '../ir/node.js';

export type Level = 'error' | 'warning' | 'info';
export type Confidence = 'high' | 'medium' | 'low';
/** Per node and target: runs as is / needs a fix or falls back to CPU / cannot run / no rule says. */
export type Verdict = 'supported' | 'partial' | 'unsupported' | 'unknown';
/** Per target: no blocking finding / every blocker has a fix / some blocker has none. */
export type TargetVerdict = 'ready' | 'needs-fixes' | 'blocked';

export interface Source {
  url: string;
  section?: string;
}

/** One reason a model will not run (as is) on a target. */
export interface Finding {
  ruleId: string;
  level: Level;
  target: string;
  /** Node name ('' for model-level findings) and op, with the origin layer when imported from Caffe/TFLite. */
  node: string;
  op: string;
  origin?: { name: string; type: string };
  /** Plain words with the actual values: "Resize mode 'cubic': rknn supports nearest, linear". */
  message: string;
  source: Source;
  confidence: Confidence;
  /** Id of the rewrite that fixes it, when one exists. */
  fix?: string;
  /** The verdict this finding implies for its node. */
  verdict: Verdict;
  /** Set when the target runs the node on its CPU instead of the accelerator. */
  fallback?: 'cpu';
  /** The IR node, when the finding is about one (not serialized). */
  irNode?: Node;
}

export interface TargetResult {
  id: string;
  title: string;
  toolchain: string;
  verdict: TargetVerdict;
  counts: Record<Verdict, number>;
  /** node → verdict, for every top-level node. */
  nodeVerdicts: Map<Node, Verdict>;
  findings: Finding[];
}
