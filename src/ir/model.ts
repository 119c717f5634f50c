import type { Graph } from './graph.js';

export type ModelFormat = 'onnx' | 'caffe' | 'tflite' | 'ncnn';

/** A model: one main graph, the opsets it uses, and where it came from. */
export interface Model {
  graph: Graph;
  /** domain ('' = ai.onnx) → version */
  opsets: Map<string, number>;
  format: ModelFormat;
  /** Path of the file it was read from, if any. */
  path: string | null;
  /** Size in bytes of the model file (and external data). */
  fileSize: number;
  irVersion: number;
  producer: { name: string; version: string };
  domain: string;
  modelVersion: number;
  docString: string;
  metadata: Map<string, string>;
  /** Format-specific pass-through data (ONNX local functions, training info, TFLite signatures, …). */
  extra: Record<string, unknown>;
}

export function newModel(graph: Graph, init: Partial<Omit<Model, 'graph'>> = {}): Model {
  return {
    graph,
    opsets: init.opsets ?? new Map([['', 17]]),
    format: init.format ?? 'onnx',
    path: init.path ?? null,
    fileSize: init.fileSize ?? 0,
    irVersion: init.irVersion ?? 8,
    producer: init.producer ?? { name: '', version: '' },
    domain: init.domain ?? '',
    modelVersion: init.modelVersion ?? 0,
    docString: init.docString ?? '',
    metadata: init.metadata ?? new Map(),
    extra: init.extra ?? {},
  };
}
