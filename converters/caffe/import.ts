/**
 * Caffe import: a deploy .prototxt (text) and, when given or found beside it under the same base
 * name, its .caffemodel (binary) for the weights. Without weights the net still imports, for audits:
 * constants then have their shapes but no data. Each layer goes through its record in ops/index.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Graph } from '../../src/ir/graph.js';
import { newModel, type Model } from '../../src/ir/model.js';
import { InputError } from '../../src/io/input-error.js';
import { modelFileSize, readModelFile } from '../../src/io/read-file.js';
import { FileWindow } from '../onnx/wire/byte-window.js';
import { inferShapes } from '../../src/shape/infer.js';
import { addImportWarning } from '../../src/ir/import-warning.js';
import type { ImportOptions } from '../converter.js';
import { parseTextProto, type TextMessage } from './prototxt-parser.js';
import { readCaffemodel, type BlobData } from './caffemodel-reader.js';
import { caffeLayers, v1LayerTypes } from './v1-types.js';
import { importLayer, type NetState } from './import-layer.js';

export function readCaffe(path: string, options: ImportOptions = {}): Model {
  if (extname(path).toLowerCase() === '.caffemodel')
    throw new InputError(
      path,
      'a .caffemodel holds weights only: give the deploy .prototxt (the weights are found beside it, or pass --weights)',
    );
  const text = readModelFile(path).toString('utf8');
  const net = parseTextProto(text, path);
  const weightsPath =
    options.weightsPath ?? [join(dirname(path), `${basename(path, extname(path))}.caffemodel`)].find(existsSync);
  let blobs = new Map<string, BlobData[]>();
  let size = Buffer.byteLength(text);
  const readsWeights = weightsPath !== undefined && options.weights !== 'none';
  const total = size + (readsWeights ? fileSizeOrZero(weightsPath) : 0);
  options.onProgress?.({ bytes: size, totalBytes: total, nodes: 0 });
  if (readsWeights) {
    modelFileSize(weightsPath);
    const win = new FileWindow(weightsPath);
    try {
      blobs = readCaffemodel(win, weightsPath);
    } finally {
      win.close();
    }
    size += win.size;
    options.onProgress?.({ bytes: size, totalBytes: Math.max(total, size), nodes: 0 });
  }
  return buildNet(net, path, blobs, size, options);
}

/** For the progress total only: readModelFile reports a missing or unreadable file itself. */
function fileSizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Layers imported between two progress reports. */
const PROGRESS_LAYERS = 64;

/** Data sources of train/test nets (BVLC's, and forks' *Data layers such as SegNet's DenseImageData). */
function isDataLayer(type: string, l: TextMessage): boolean {
  return /Data$/.test(type) && type !== 'HDF5Output' && l.strs('bottom').length === 0;
}

/** What a data layer's params say of its image dims: batch and crop size / new size when present, else unknown. */
function dataDims(l: TextMessage): number[] {
  const p = [...l.fields.entries()].find(([k]) => k.endsWith('data_param'))?.[1][0];
  const m = p && typeof p === 'object' && 'fields' in p ? (p as TextMessage) : undefined;
  const batch = m?.num('batch_size') ?? 1;
  const crop = l.msg('transform_param')?.num('crop_size') ?? m?.num('crop_size');
  const h = crop || m?.num('new_height'),
    w = crop || m?.num('new_width');
  return h && w ? [batch, 3, h, w] : [];
}

/** Layers that only train (data sources, losses, accuracy): the table says `skipped`. */
function skipped(type: string): boolean {
  return caffeLayers()[type]?.maps.startsWith('skipped') ?? false;
}

function buildNet(
  net: TextMessage,
  file: string,
  blobs: Map<string, BlobData[]>,
  size: number,
  options: ImportOptions,
): Model {
  const g = new Graph(net.str('name') ?? 'caffe');
  const model = newModel(g, {
    format: 'caffe',
    path: file,
    fileSize: size,
    opsets: new Map([
      ['', 13],
      ['caffe', 1],
    ]),
    producer: { name: '', version: '' },
  });
  const inputShapes = options.inputShapes ?? new Map<string, number[]>();
  const state: NetState = {
    model,
    file,
    blobs,
    current: new Map(),
    consumed: new Set(),
    layerShapes: options.layerShapes ?? new Map(),
    usedLayerShapes: new Set(),
  };
  const addInput = (name: string, dims: number[]): void => {
    const v = g.value(name);
    v.dtype = 'float32';
    v.shape = inputShapes.get(name) ?? dims;
    g.inputs.push(v);
    state.current.set(name, v);
  };
  // inputs: `input:` with input_shape / input_dim (4 per input), or Input layers
  const shapes = net.msgs('input_shape').map((m) => m.nums('dim'));
  const dims = net.nums('input_dim');
  net.strs('input').forEach((name, i) => addInput(name, shapes[i] ?? dims.slice(i * 4, i * 4 + 4)));
  const v1 = net.msgs('layers').length > 0;
  const layers = [...net.msgs('layer'), ...net.msgs('layers')];
  if (!layers.length) throw new InputError(file, 'not a Caffe prototxt (no layer or layers)');
  for (const [k, l] of layers.entries()) {
    if (k % PROGRESS_LAYERS === PROGRESS_LAYERS - 1)
      options.onProgress?.({ bytes: size, totalBytes: size, nodes: g.nodes.length });
    const rawType = l.str('type') ?? '';
    const type = v1LayerTypes()[rawType] ?? rawType;
    if (l.msgs('include').some((m) => m.str('phase') === 'TRAIN')) continue;
    if (type === 'Input') {
      const ip = l.msg('input_param');
      l.strs('top').forEach((t, i) => addInput(t, (ip?.msgs('shape')[i] ?? ip?.msgs('shape')[0])?.nums('dim') ?? []));
      continue;
    }
    if (isDataLayer(type, l)) {
      // a test net's data layer: its first top (the image) becomes a graph input, dims from --input-shape
      const top = l.strs('top')[0];
      if (top && !state.current.has(top)) {
        addInput(top, inputShapes.get(top) ?? dataDims(l));
        if (!inputShapes.has(top))
          addImportWarning(model, {
            id: 'caffe/data-layer-input',
            layer: l.str('name') ?? '',
            layerType: type,
            message: `data layer: its top '${top}' becomes the net input; its dims are not in the prototxt, give them with --input-shape ${top}=N,C,H,W`,
            source: {
              url: 'https://github.com/BVLC/caffe/blob/master/src/caffe/proto/caffe.proto',
              section: 'LayerParameter',
            },
          });
      }
      continue;
    }
    if (skipped(type)) continue;
    importLayer(state, l, type, v1 ? 'V1LayerParameter' : 'LayerParameter');
  }
  for (const name of state.layerShapes.keys())
    if (!state.usedLayerShapes.has(name))
      throw new InputError(file, `--layer-shape names layer '${name}', which the net does not have`);
  // graph outputs: final blob values nobody consumed
  for (const v of new Set(state.current.values()))
    if (!state.consumed.has(v) && !g.inputs.includes(v)) g.outputs.push(v);
  model.extra.blobs = new Map([...state.current].map(([b, v]) => [b, v.name]));
  inferShapes(model);
  options.onProgress?.({ bytes: size, totalBytes: size, nodes: g.nodes.length });
  return model;
}
