/**
 * Caffe import: a deploy .prototxt (text) and, when given or found beside it under the same base
 * name, its .caffemodel (binary) for the weights. Without weights the net still imports, for audits:
 * constants then have their shapes but no data.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Graph } from '../../src/ir/graph.js';
import { newModel, type Model } from '../../src/ir/model.js';
import type { Value } from '../../src/ir/value.js';
import { Tensor } from '../../src/ir/tensor.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { InputError } from '../../src/io/input-error.js';
import { readModelFile } from '../../src/io/read-file.js';
import { inferShapes } from '../../src/shape/infer.js';
import type { ImportOptions } from '../converter.js';
import { parseTextProto, type TextMessage } from './prototxt-parser.js';
import { readCaffemodel, type BlobData } from './caffemodel-reader.js';
import { caffeLayers } from './v1-types.js';
import { LAYERS, foreign, type LayerCtx } from './layer-map.js';
import { V1_LAYER_TYPES } from './v1-types.js';

const SKIP = new Set([
  'Data',
  'ImageData',
  'HDF5Data',
  'WindowData',
  'DummyData',
  'MemoryData',
  'Accuracy',
  'SoftmaxWithLoss',
  'EuclideanLoss',
  'Silence',
]);

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
  if (weightsPath && options.weights !== 'none') {
    const buf = readModelFile(weightsPath);
    blobs = readCaffemodel(buf, weightsPath);
    size += buf.length;
  }
  return buildNet(net, path, blobs, size, options.inputShapes ?? new Map());
}

function buildNet(
  net: TextMessage,
  file: string,
  blobs: Map<string, BlobData[]>,
  size: number,
  inputShapes: Map<string, number[]>,
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
  const current = new Map<string, Value>();
  const consumed = new Set<Value>();
  const addInput = (name: string, dims: number[]): void => {
    const v = g.value(name);
    v.dtype = 'float32';
    v.shape = inputShapes.get(name) ?? dims;
    g.inputs.push(v);
    current.set(name, v);
  };
  // inputs: `input:` with input_shape / input_dim (4 per input), or Input layers
  const inputs = net.strs('input');
  const shapes = net.msgs('input_shape').map((m) => m.nums('dim'));
  const dims = net.nums('input_dim');
  inputs.forEach((name, i) => addInput(name, shapes[i] ?? dims.slice(i * 4, i * 4 + 4)));
  const layers = [...net.msgs('layer'), ...net.msgs('layers')];
  if (!layers.length) throw new InputError(file, 'not a Caffe prototxt (no layer or layers)');
  const shapeOf = (v: Value): number[] | null => {
    if (!v.shape || v.shape.some((d) => typeof d !== 'number')) inferShapes(model);
    return v.shape && v.shape.every((d) => typeof d === 'number') ? (v.shape as number[]) : null;
  };
  for (const l of layers) {
    const name = l.str('name') ?? '';
    const rawType = l.str('type') ?? '';
    const type = V1_LAYER_TYPES[rawType] ?? rawType;
    if (l.msgs('include').some((m) => m.str('phase') === 'TRAIN')) continue;
    const tops = l.strs('top'),
      bottoms = l.strs('bottom');
    if (type === 'Input') {
      const ip = l.msg('input_param');
      tops.forEach((t, i) => addInput(t, (ip?.msgs('shape')[i] ?? ip?.msgs('shape')[0])?.nums('dim') ?? []));
      continue;
    }
    if (SKIP.has(type)) continue;
    const ins = bottoms.map((b) => {
      const v = current.get(b);
      if (!v)
        throw new InputError(
          file,
          `layer '${name}' (${type}) reads blob '${b}', which no earlier layer or input produces`,
        );
      consumed.add(v);
      return v;
    });
    if (type === 'Dropout' || type === 'Split') {
      tops.forEach((t) => current.set(t, ins[0]!));
      continue;
    }
    const layerBlobs = blobs.get(name)?.map((b) => b.tensor) ?? [];
    let created = 0;
    const ctx: LayerCtx = {
      name,
      type,
      p: l,
      inputs: ins,
      blobs: layerBlobs,
      shape: shapeOf,
      weight: (i, d, what) => {
        const v = g.newValue(`${name}/${what}`);
        const t = layerBlobs[i];
        if (t && t.count !== d.reduce((a, b) => a * b, 1))
          throw new InputError(
            file,
            `layer '${name}': blob ${i} has ${t.count} values, the layer needs [${d.join(',')}]`,
          );
        v.data = t ? Tensor.fromBytes('float32', d, t.bytes()) : new Tensor('float32', d, null);
        v.dtype = 'float32';
        v.shape = [...d];
        if (!t) v.meta.missingWeights = true;
        return v;
      },
      constant: (cn, dt, d, vals) => {
        const v = g.newValue(`${name}/${cn}`);
        v.data = Tensor.fromBytes(dt, d, numbersToBytes(dt, vals));
        v.dtype = dt;
        v.shape = [...d];
        return v;
      },
      node: (op, nodeIns, attrs = new Map(), domain = '', outputs = 1) => {
        const outs = Array.from({ length: outputs }, (_, i) => g.newValue(`${name}/${op}_${created++}_${i}`));
        const n = g.addNode({
          op,
          domain,
          name: g.uniqueNodeName(name),
          inputs: nodeIns,
          outputs: outs,
          attrs,
          origin: { format: 'caffe', name, type },
        });
        return n.outputs as Value[];
      },
    };
    const mapper = LAYERS[type];
    const outs = mapper ? mapper(ctx, tops.length) : foreign(ctx, tops.length);
    const known = caffeLayers()[type]?.outputShape;
    if (!mapper && known && outs[0] && !outs[0].shape) {
      outs[0].shape = known.map((d, i) => d ?? `${name}_${i}`);
      outs[0].dtype = 'float32';
    } // e.g. DetectionOutput [1,1,n,7]
    // the last node's outputs are the layer's tops, named after them (in-place layers get a new SSA value `<top>/<layer>`)
    tops.forEach((t, i) => {
      const v = outs[i];
      if (!v) return;
      if (v.producer?.origin?.name === name && !g.inputs.includes(v)) {
        const want = outputName(t, current, name);
        g.rename(v, g.lookup(want) ? g.newValue(want).name : want);
      }
      current.set(t, v);
    });
  }
  // graph outputs: final blob values nobody consumed
  for (const v of new Set(current.values())) if (!consumed.has(v) && !g.inputs.includes(v)) g.outputs.push(v);
  model.extra.blobs = new Map([...current].map(([b, v]) => [b, v.name]));
  inferShapes(model);
  return model;
}

/** A value name for a top: the blob name the first time, `<blob>/<layer>` when an in-place layer rewrites it. */
function outputName(top: string, current: Map<string, Value>, layer: string): string {
  return current.has(top) ? `${top}/${layer}` : top;
}
