import type { Model } from './model.js';
import type { Value } from './value.js';
import type { Dim } from './shape.js';

/** Op names ordered by code units: the same order on every machine, and no ICU collator to start. */
function byCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

export interface ValueSummary {
  name: string;
  dtype: string | null;
  shape: Dim[] | null;
}
/** The facts about a model that `inspect` prints and the JSON report's `model` section holds. */
export interface ModelSummary {
  path: string | null;
  format: string;
  producer: string;
  opsets: Record<string, number>;
  /** Top-level nodes (subgraph nodes are counted in `subgraphNodes`). */
  nodes: number;
  subgraphNodes: number;
  ops: Record<string, number>;
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  /** Elements of the constant tensors (weights). */
  params: number;
  /** Bytes of the constant tensors. */
  weightBytes: number;
  fileSize: number;
  metadata: Record<string, string>;
  /** Named entry points (TFLite signatures), the imported one `selected`; absent when the format has none. */
  signatures?: EntryPointSummary[];
}
/** One named entry point of a model with several (TFLite SignatureDef). */
export interface EntryPointSummary {
  name: string;
  subgraph: number;
  selected: boolean;
  inputs: { name: string; tensor: string }[];
  outputs: { name: string; tensor: string }[];
}

function valueSummary(v: Value): ValueSummary {
  return { name: v.name, dtype: v.dtype, shape: v.shape };
}

export function summarizeModel(model: Model): ModelSummary {
  const g = model.graph;
  const ops: Record<string, number> = {};
  for (const n of g.nodes) {
    const key = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.op}` : n.op;
    ops[key] = (ops[key] ?? 0) + 1;
  }
  let params = 0;
  let weightBytes = 0;
  for (const v of g.constants()) {
    params += v.data!.count;
    weightBytes += v.data!.byteLength;
  }
  let all = 0;
  for (const _ of g.allNodes()) all++;
  return {
    path: model.path,
    format: model.format,
    producer: [model.producer.name, model.producer.version].filter(Boolean).join(' '),
    opsets: Object.fromEntries([...model.opsets].map(([d, v]) => [d || 'ai.onnx', v])),
    nodes: g.nodes.length,
    subgraphNodes: all - g.nodes.length,
    ops: Object.fromEntries(Object.entries(ops).sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]))),
    inputs: g.inputs.filter((v) => !v.data).map(valueSummary),
    outputs: g.outputs.map(valueSummary),
    params,
    weightBytes,
    fileSize: model.fileSize,
    metadata: Object.fromEntries(model.metadata),
    ...(Array.isArray(model.extra.signatures) ? { signatures: model.extra.signatures as EntryPointSummary[] } : {}),
  };
}
