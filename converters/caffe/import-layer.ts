/**
 * One Caffe layer into the graph: its record's import (or a foreign node for a type nobody registered), the
 * output dims its record states for foreign nodes or --layer-shape gives, warnings for fields nobody knows and
 * for a layer past which shapes are unknown, and its tops named after the blobs.
 */
import type { Model } from '../../src/ir/model.js';
import type { Value } from '../../src/ir/value.js';
import { Tensor } from '../../src/ir/tensor.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { addImportWarning } from '../../src/ir/import-warning.js';
import { InputError } from '../../src/io/input-error.js';
import { inferShapes } from '../../src/shape/infer.js';
import type { TextMessage } from './prototxt-parser.js';
import type { BlobData } from './caffemodel-reader.js';
import { layerOp } from './ops/index.js';
import { foreign } from './ops/foreign.js';
import type { LayerCtx } from './ops/types.js';
import { unknownFields } from './field-check.js';

export interface NetState {
  model: Model;
  file: string;
  blobs: Map<string, BlobData[]>;
  /** blob name → the value it holds now */
  current: Map<string, Value>;
  consumed: Set<Value>;
  /** --layer-shape: layer name → dims of its tops in order */
  layerShapes: Map<string, number[][]>;
  usedLayerShapes: Set<string>;
}

const PROTO_URL = 'https://github.com/BVLC/caffe/blob/master/src/caffe/proto/caffe.proto';

const staticDims = (v: Value): number[] | null =>
  v.shape && v.shape.every((d) => typeof d === 'number') ? (v.shape as number[]) : null;

export function importLayer(s: NetState, l: TextMessage, type: string, message: string): void {
  const g = s.model.graph;
  const name = l.str('name') ?? '';
  const tops = l.strs('top');
  const warn = (id: string, text: string): void =>
    addImportWarning(s.model, {
      id,
      layer: name,
      layerType: type,
      message: text,
      source: { url: PROTO_URL, section: message },
    });
  for (const path of unknownFields(l, message))
    warn('caffe/unknown-field', `${path} is a field neither BVLC caffe.proto nor a known fork defines: it is ignored`);
  const inputs = l.strs('bottom').map((b) => {
    const v = s.current.get(b);
    if (!v)
      throw new InputError(
        s.file,
        `layer '${name}' (${type}) reads blob '${b}', which no earlier layer or input produces`,
      );
    s.consumed.add(v);
    return v;
  });
  const layerBlobs = s.blobs.get(name)?.map((b) => b.tensor) ?? [];
  let created = 0;
  const c: LayerCtx = {
    name,
    type,
    p: l,
    inputs,
    tops: tops.length,
    blobs: layerBlobs,
    shape: (v) => {
      if (!staticDims(v)) inferShapes(s.model);
      return staticDims(v);
    },
    weight: (i, dims, what) => {
      const v = g.newValue(`${name}/${what}`);
      const t = layerBlobs[i];
      let d = dims;
      if (t && t.count !== dims.reduce((a, b) => a * b, 1)) {
        // dims from an unknown input shape (0s): the blob's own dims are the better guess
        if (!dims.includes(0))
          throw new InputError(
            s.file,
            `layer '${name}': blob ${i} has ${t.count} values, the layer needs [${dims.join(',')}]`,
          );
        d = [...t.dims];
        warn('caffe/shape-unknown', `input dims unknown: weight ${what} taken with the blob's dims [${d.join(',')}]`);
      }
      v.data = t ? t.reshaped(d) : new Tensor('float32', d, null);
      v.dtype = 'float32';
      v.shape = [...d];
      if (!t) v.meta.missingWeights = true;
      v.meta.caffeBlob = { layer: name, index: i };
      return v;
    },
    constant: (cn, dt, dims, vals) => {
      const v = g.newValue(`${name}/${cn}`);
      v.data = Tensor.fromBytes(dt, dims, numbersToBytes(dt, vals));
      v.dtype = dt;
      v.shape = [...dims];
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
    warn: (text) => warn('caffe/layer-param', text),
  };
  const op = layerOp(type);
  if (!op) warn('caffe/unknown-layer', `layer type ${type} is not one convcheck knows: kept as caffe.${type}`);
  const outs = op ? op.import(c) : foreign(c);
  stateOutputDims(s, c, outs, op?.shape);
  for (const [i, v] of outs.entries())
    if (v && v.producer?.domain === 'caffe' && (!v.shape || v.shape.includes(null)) && i < tops.length)
      warn(
        'caffe/shape-stops',
        `the dims of top '${tops[i]}' are unknown, so shape propagation stops here; give them with --layer-shape ${name}=N,C,H,W`,
      );
  nameTops(s, name, tops, outs);
}

/** Output dims of foreign nodes: --layer-shape first, then the record's shape function; −1 → a symbolic dim. */
function stateOutputDims(
  s: NetState,
  c: LayerCtx,
  outs: Value[],
  shapeFn: ((c: LayerCtx, ins: (number[] | null)[]) => (number[] | null)[]) | undefined,
): void {
  const given = s.layerShapes.get(c.name);
  if (given) s.usedLayerShapes.add(c.name);
  const computed =
    !given && shapeFn
      ? shapeFn(
          c,
          c.inputs.map((v) => c.shape(v)),
        )
      : [];
  outs.forEach((v, i) => {
    const dims = given?.[i] ?? computed[i];
    if (!v || !dims || (!given && staticDims(v))) return;
    v.shape = dims.map((d, k) => (d < 0 ? `${c.name}_${k}` : d));
    v.dtype ??= 'float32';
  });
}

/** The last node's outputs are the layer's tops, named after them (in-place layers get `<top>/<layer>`). */
function nameTops(s: NetState, layer: string, tops: string[], outs: Value[]): void {
  const g = s.model.graph;
  tops.forEach((t, i) => {
    const v = outs[i];
    if (!v) return;
    if (v.producer?.origin?.name === layer && !g.inputs.includes(v)) {
      const want = s.current.has(t) ? `${t}/${layer}` : t;
      g.rename(v, g.lookup(want) ? g.newValue(want).name : want);
    }
    s.current.set(t, v);
  });
}
