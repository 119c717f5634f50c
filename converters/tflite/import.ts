/** TFLite import: the flatbuffer → the IR (one entry point: a signature, by default the first, or subgraph 0). */
import { Graph } from '../../src/ir/graph.js';
import { newModel, type Model } from '../../src/ir/model.js';
import { InputError } from '../../src/io/input-error.js';
import { modelFileSize } from '../../src/io/read-file.js';
import { inferShapes } from '../../src/shape/infer.js';
import { removeDeadNodes } from '../../src/ir/cleanup.js';
import type { ImportOptions } from '../converter.js';
import { readTflite, type TflModel } from './read-model.js';
import { PagedFile } from './flat-bytes.js';
import { cancelTransposePairs } from './cancel-transposes.js';
import { SubgraphImporter } from './subgraph-importer.js';
import { pickEntryPoint, signatureSummaries } from './signatures.js';

/** Builtins the import loop handles itself (constants, quantization), not an op family. */
export const IMPORT_HANDLED_BUILTINS: readonly string[] = ['QUANTIZE', 'DEQUANTIZE', 'DENSIFY'];

/**
 * Graph-only, like ONNX: the tables are read page by page; buffers past 4 KiB stay in the file as spans
 * their tensors read on first use.
 */
export function readTfliteModel(path: string, options: ImportOptions = {}): Model {
  const size = modelFileSize(path);
  const file = new PagedFile(path);
  try {
    const tfl = readTflite(file, path);
    if (!tfl.subgraphs.length) throw new InputError(path, 'TFLite model without subgraphs');
    const report = options.onProgress;
    let operators = 0;
    const progressAt = (nodes: number): void => report?.({ bytes: size, totalBytes: size, nodes });
    const onOperator = report && (() => ++operators % PROGRESS_OPERATORS === 0 && progressAt(operators));
    progressAt(0); // the tables are read page by page as operators are imported
    const model = buildGraph(tfl, path, options.signature, onOperator);
    model.fileSize = file.size;
    progressAt(model.graph.nodes.length);
    return model;
  } finally {
    file.close();
  }
}

/** Operators imported between two progress reports. */
const PROGRESS_OPERATORS = 64;

function buildGraph(tfl: TflModel, file: string, signature: string | undefined, onOperator?: () => void): Model {
  const entry = pickEntryPoint(tfl, file, signature);
  const sg = tfl.subgraphs[entry.subgraph]!;
  const g = new Graph(sg.name || 'main');
  const model = newModel(g, {
    format: 'tflite',
    path: file,
    opsets: new Map([
      ['', 14],
      ['tflite', 1],
    ]),
    producer: { name: tfl.description, version: `schema ${tfl.version}` },
  });
  model.extra = {
    subgraphs: tfl.subgraphs.map((s, i) => s.name || `subgraph ${i}`),
    signatures: signatureSummaries(tfl, entry.key),
  };
  const imp = new SubgraphImporter({ tfl, file, variables: new Map(), active: [], onOperator }, entry.subgraph, g);
  g.outputs.push(...imp.emit());
  cancelTransposePairs(g);
  removeDeadNodes(g);
  inferShapes(model);
  return model;
}
