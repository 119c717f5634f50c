/**
 * ncnn import: .param + .bin → IR (ONNX ops, the batch axis restored as dim 0 of size 1), so an
 * existing ncnn model can be audited and exports can be checked numerically through ONNX.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Graph } from '../../src/ir/graph.js';
import { newModel, type Model } from '../../src/ir/model.js';
import type { Value } from '../../src/ir/value.js';
import type { Attrs } from '../../src/ir/attr.js';
import { attr } from '../../src/ir/attr.js';
import { Tensor } from '../../src/ir/tensor.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { InputError } from '../../src/io/input-error.js';
import { readModelFile } from '../../src/io/read-file.js';
import { inferShapes } from '../../src/shape/infer.js';
import type { ImportOptions } from '../converter.js';
import type { NcnnLayer, ParamValue } from './ncnn-layer.js';
import { BinReader, parseParam } from './read-files.js';
import { paramId } from './ncnn-table.js';
import { ncnnLayerImporters } from './import-ops/index.js';

export function readNcnn(path: string, options: ImportOptions = {}): Model {
  const text = readModelFile(path).toString('utf8');
  const layers = parseParam(text, path);
  const binPath = options.weightsPath ?? path.replace(/\.param$/, '') + '.bin';
  const bin = existsSync(binPath) ? new Uint8Array(readFileSync(binPath)) : null;
  return build(layers, bin ? new BinReader(bin, binPath) : null, path);
}

function build(layers: NcnnLayer[], bin: BinReader | null, file: string): Model {
  const g = new Graph('ncnn');
  const model = newModel(g, { format: 'ncnn', path: file, opsets: new Map([['', 13]]) });
  const blobs = new Map<string, Value>();
  const consumed = new Set<string>();
  const P = (l: NcnnLayer, name: string, dflt: number): number => {
    const v = l.params.get(paramId(l.type, name));
    return typeof v === 'number' ? v : dflt;
  };
  const A = (l: NcnnLayer, name: string): number[] => {
    const v = l.params.get(paramId(l.type, name));
    return Array.isArray(v) ? v : [];
  };
  const konst = (
    name: string,
    dtype: 'float32' | 'int64' | 'int32',
    dims: number[],
    data: ArrayLike<number>,
  ): Value => {
    const v = g.newValue(name);
    v.data = Tensor.fromBytes(dtype, dims, numbersToBytes(dtype, data));
    v.dtype = dtype;
    v.shape = [...dims];
    return v;
  };
  const weights = (l: NcnnLayer, count: number, tagged: boolean): Float32Array => {
    if (!bin) throw new InputError(file, `layer ${l.name} needs weights: the .bin file is missing`);
    return bin.read(count, tagged);
  };
  const shape = (v: Value): number[] => {
    if (!v.shape || v.shape.some((d) => typeof d !== 'number')) inferShapes(model);
    return v.shape as number[];
  };
  const shapeOf = (l: NcnnLayer): number[] => {
    const w = P(l, 'w', 0),
      h = P(l, 'h', 0),
      d = l.params.has(paramId(l.type, 'd')) ? P(l, 'd', 0) : 0,
      c = P(l, 'c', 0);
    return c && d ? [1, c, d, h, w] : c ? [1, c, h, w] : h ? [1, h, w] : [1, w];
  };
  for (const l of layers) {
    const ins = l.bottoms.map((b) => {
      consumed.add(b);
      return blobs.get(b)!;
    });
    const node = (op: string, inputs: (Value | null)[], attrs: Attrs = new Map(), outName = l.tops[0]!): Value => {
      const out = g.newValue(outName);
      g.addNode({
        op,
        name: g.uniqueNodeName(l.name),
        inputs,
        outputs: [out],
        attrs,
        origin: { format: 'ncnn', name: l.name, type: l.type },
      });
      return out;
    };
    const set = (v: Value): void => {
      blobs.set(l.tops[0]!, v);
    };
    const x = ins[0]!;
    const importer = ncnnLayerImporters().get(l.type);
    if (importer) {
      importer({ l, ins, x, g, model, file, blobs, P, A, konst, weights, shape, shapeOf, node, set });
      continue;
    }
    // a layer type convcheck does not read: kept foreign (domain ncnn), params as p<id> attributes
    const outs = l.tops.map((t) => g.newValue(t));
    g.addNode({
      op: l.type,
      domain: 'ncnn',
      name: g.uniqueNodeName(l.name),
      inputs: ins,
      outputs: outs,
      attrs: new Map(
        [...l.params].map(([k, v]: [number, ParamValue]) => [
          `p${k}`,
          Array.isArray(v) ? attr.floats(v) : attr.float(v),
        ]),
      ),
      origin: { format: 'ncnn', name: l.name, type: l.type },
    });
    l.tops.forEach((t, i) => blobs.set(t, outs[i]!));
  }
  for (const [b, v] of blobs)
    if (!consumed.has(b) && !g.inputs.includes(v) && !g.outputs.includes(v)) g.outputs.push(v);
  inferShapes(model);
  return model;
}
