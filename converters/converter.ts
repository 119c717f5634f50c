import type { Model } from '../src/ir/model.js';

export interface ImportOptions {
  /** Read external/separate weights (false: graph only, for audits; tensors become handles or stay absent). */
  weights?: 'load' | 'lazy' | 'none';
  /** Input dims to build with (formats whose import bakes shapes, e.g. Caffe's ShuffleChannel). */
  inputShapes?: Map<string, number[]>;
  /** Caffe: dims of the tops of layers whose output shape cannot be inferred (Python layers), layer → dims per top. */
  layerShapes?: Map<string, number[][]>;
  /** TFLite: the signature (named entry point) to import; default the first, or subgraph 0. */
  signature?: string;
  /** Caffe: explicit .caffemodel path. */
  weightsPath?: string;
  /**
   * Progress as the import advances: `bytes` of `totalBytes` passed so far (the file offset reached; it only
   * grows and ends at the total), nodes built or parsed so far; `bytesRead` what was actually read from disk
   * when the reader skips payloads (ONNX graph-only reads).
   */
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  nodes: number;
  bytesRead?: number;
}

/** Reads one model format into the IR. */
export interface Importer {
  format: string;
  /** File name extensions this importer claims, lower case with the dot. */
  extensions: string[];
  /** Cheap check of the first bytes (and name) of a file. */
  sniff(head: Uint8Array, path: string): boolean;
  read(path: string, options: ImportOptions): Model;
}

export interface ExportOptions {
  /** ONNX: write tensors larger than this many bytes as external data (default: only past 2 GB total). */
  externalData?: boolean;
  /** ncnn: store weights as fp16. */
  fp16?: boolean;
  /** Input files that must never be overwritten. */
  protect?: string[];
  /** Progress while the files are written: bytes written so far and their total (0 when not known ahead). */
  onProgress?: (p: { bytes: number; totalBytes: number }) => void;
  /**
   * Filled by the exporter and its export pipeline: one-line facts about what it wrote (layers, blobs, weight bytes,
   * rewrites applied).
   */
  summary?: string[];
}

/** Writes the IR as one format; returns the files written. */
export interface Exporter {
  format: string;
  write(model: Model, outPath: string, options: ExportOptions): string[];
}

/** An exporter refuses the model (nothing is written); the CLI lists the blockers and exits 1. */
export class ExportBlocked extends Error {
  constructor(readonly blockers: string[]) {
    super(`the model cannot be exported:\n${blockers.map((b) => `  ${b}`).join('\n')}`);
  }
}
