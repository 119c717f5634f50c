/** TFLite import: the flatbuffer → the IR (subgraph 0; the others kept in model.extra). */
import { Graph } from '../../src/ir/graph.js';
import { newModel, type Model } from '../../src/ir/model.js';
import type { Value } from '../../src/ir/value.js';
import { Tensor } from '../../src/ir/tensor.js';
import { attr } from '../../src/ir/attr.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { InputError } from '../../src/io/input-error.js';
import { readModelFile } from '../../src/io/read-file.js';
import { inferShapes } from '../../src/shape/infer.js';
import { removeDeadNodes } from '../../src/ir/cleanup.js';
import type { ImportOptions } from '../converter.js';
import { readTflite, type TflTensor, type TflModel } from './read-model.js';
import { TFL_DTYPE, halfToFloat32 } from './tensor-data.js';
import type { OpCtx } from './ops/op-context.js';
import { opKey, tfliteImporters } from './ops/index.js';
import { cancelTransposePairs } from './cancel-transposes.js';
import { densify } from './densify.js';
import { dequantizeInt16, quantizeInt16 } from './int16-quant.js';
import { byteSize, type DType } from '../../src/ir/dtype.js';

/** Builtins the import loop handles itself (constants, quantization), not an op family. */
export const IMPORT_HANDLED_BUILTINS: readonly string[] = ['QUANTIZE', 'DEQUANTIZE', 'DENSIFY'];

export function readTfliteModel(path: string, _options: ImportOptions = {}): Model {
  const buf = readModelFile(path);
  const tfl = readTflite(buf, path);
  if (!tfl.subgraphs.length) throw new InputError(path, 'TFLite model without subgraphs');
  const model = buildGraph(tfl, path);
  model.fileSize = buf.length;
  return model;
}

function buildGraph(tfl: TflModel, file: string): Model {
  const sg = tfl.subgraphs[0]!;
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
  model.extra = { subgraphs: tfl.subgraphs.slice(1).map((s) => s.name), signatures: tfl.signatures };
  const raw = new Map<number, Value>(); // tensor index → value as stored (int8 for quantized)
  const float = new Map<number, Value>(); // tensor index → dequantized float view
  const dtypeOf = (t: TflTensor) => TFL_DTYPE[t.type] ?? null;
  const quantOf = (t: TflTensor) =>
    t.quant ? { scale: t.quant.scale, zeroPoint: t.quant.zeroPoint, axis: t.quant.axis } : null;
  const quantized = (t: TflTensor): boolean => !!t.quant && t.type !== 'FLOAT32' && t.type !== 'FLOAT16';
  const setInfo = (v: Value, t: TflTensor): void => {
    v.dtype = dtypeOf(t);
    v.shape = t.shape.map((d, i) => (t.signature[i] === -1 ? (i === 0 ? 'N' : `${t.name}_${i}`) : d));
    if (t.quant) v.meta.quantization = t.quant;
  };
  const rawValue = (idx: number): Value => {
    let v = raw.get(idx);
    if (v) return v;
    const t = sg.tensors[idx]!;
    v = g.newValue(t.name || `tensor_${idx}`);
    setInfo(v, t);
    const data = t.buffer ? tfl.buffers[t.buffer] : null;
    if (data && t.sparse) {
      // a sparse constant (TFLite sparsity parameters) stays as stored; the DENSIFY op that reads it makes it dense
      v.meta.sparseBuffer = data;
      v.meta.sparsity = t.sparsity;
    } else if (data) {
      const dt = dtypeOf(t);
      if (!dt) throw new InputError(file, `tensor '${t.name}' has unsupported type ${t.type}`);
      const need = t.shape.reduce((a, b) => a * b, 1);
      if (dt !== 'string' && data.length < byteSize(dt, need))
        throw new InputError(
          file,
          `tensor '${t.name}': buffer has ${data.length} bytes for shape [${t.shape.join(',')}]`,
        );
      v.data = Tensor.fromBytes(dt, [...t.shape], data, quantOf(t));
    }
    raw.set(idx, v);
    return v;
  };
  const floatView = (idx: number): Value => {
    let v = float.get(idx);
    if (v) return v;
    const t = sg.tensors[idx]!;
    const r = rawValue(idx);
    if (!quantized(t)) return r;
    v = dequantize(r, t, `${r.name}/dequantized`);
    float.set(idx, v);
    return v;
  };
  const quantParams = (t: TflTensor, base: string): [Value, Value] => {
    const q = t.quant!;
    const per = q.scale.length > 1;
    const s = g.newValue(`${base}/scale`);
    s.data = Tensor.fromBytes('float32', per ? [q.scale.length] : [], numbersToBytes('float32', q.scale));
    s.dtype = 'float32';
    s.shape = per ? [q.scale.length] : [];
    const zd = dtypeOf(t)!;
    const zpVals = q.zeroPoint.length ? q.zeroPoint : q.scale.map(() => 0);
    const z = g.newValue(`${base}/zero_point`);
    z.data = Tensor.fromBytes(zd, per ? [zpVals.length] : [], numbersToBytes(zd, per ? zpVals : [zpVals[0]!]));
    z.dtype = zd;
    z.shape = per ? [zpVals.length] : [];
    return [s, z];
  };
  const dequantize = (r: Value, t: TflTensor, name: string, axis?: number): Value => {
    if (t.type === 'INT16' && t.quant!.scale.length === 1)
      return dequantizeInt16(g, r, t.quant!.scale[0]!, name, { format: 'tflite', name: t.name, type: 'DEQUANTIZE' });
    const [s, z] = quantParams(t, name);
    const out = g.newValue(name);
    const attrs = new Map(t.quant!.scale.length > 1 ? [['axis', attr.int(axis ?? t.quant!.axis)]] : []);
    g.addNode({
      op: 'DequantizeLinear',
      name: g.uniqueNodeName(name),
      inputs: [r, s, z.dtype === 'int32' ? null : z],
      outputs: [out],
      attrs,
      origin: { format: 'tflite', name: t.name, type: 'DEQUANTIZE' },
    });
    return out;
  };
  const constant =
    (base: string) =>
    (name: string, dtype: DType, dims: number[], values: number[]): Value => {
      const v = g.newValue(`${base}/${name}`);
      v.data = Tensor.fromBytes(dtype, dims, numbersToBytes(dtype, values));
      v.dtype = dtype;
      v.shape = [...dims];
      return v;
    };

  for (const i of sg.inputs) {
    const v = rawValue(i);
    g.inputs.push(v);
  }
  for (const op of sg.operators) {
    const outT = sg.tensors[op.outputs[0]!]!;
    const base = outT.name || `${op.op}_out`;
    const origin = { format: 'tflite', name: base, type: op.op === 'CUSTOM' ? `CUSTOM:${op.custom}` : op.op };
    // DENSIFY of a sparse constant: the dense constant (the one place weights are materialised: the file has no dense copy)
    if (op.op === 'DENSIFY') {
      const inT = sg.tensors[op.inputs[0]!]!,
        r = rawValue(op.inputs[0]!),
        dt = dtypeOf(inT);
      const stored = r.meta.sparseBuffer as Uint8Array | undefined;
      if (stored && inT.sparsity && dt && dt !== 'string') {
        const fail = (why: string): never => {
          throw new InputError(file, `tensor '${inT.name}': ${why}`);
        };
        const bytes = densify(inT.sparsity, inT.shape, stored, byteSize(dt, 1), fail);
        const v = g.newValue(base);
        setInfo(v, outT);
        v.data = Tensor.fromBytes(dt, [...inT.shape], bytes, quantOf(inT));
        v.meta.storedAs = 'sparse';
        raw.set(op.outputs[0]!, v);
        continue;
      }
    }
    // DEQUANTIZE of an fp16 constant: a float32 constant (exact); of int8 data: DequantizeLinear
    if (op.op === 'DEQUANTIZE') {
      const inT = sg.tensors[op.inputs[0]!]!;
      const r = rawValue(op.inputs[0]!);
      if (inT.type === 'FLOAT16' && r.data) {
        const v = g.newValue(base);
        v.data = halfToFloat32(r.data);
        v.dtype = 'float32';
        v.shape = [...r.data.dims];
        v.meta.storedAs = r.meta.storedAs === 'sparse' ? 'sparse float16' : 'float16';
        raw.set(op.outputs[0]!, v);
        continue;
      }
      if (inT.type === 'FLOAT16') {
        const v = g.newValue(base);
        g.addNode({
          op: 'Cast',
          name: g.uniqueNodeName(base),
          inputs: [r],
          outputs: [v],
          attrs: new Map([['to', attr.int(1)]]),
          origin,
        });
        raw.set(op.outputs[0]!, v);
        continue;
      }
      raw.set(op.outputs[0]!, dequantize(r, inT, base));
      continue;
    }
    if (op.op === 'QUANTIZE' && outT.type === 'INT16' && outT.quant?.scale.length === 1) {
      const v = quantizeInt16(g, floatView(op.inputs[0]!), outT.quant.scale[0]!, base, origin);
      setInfo(v, outT);
      raw.set(op.outputs[0]!, v);
      continue;
    }
    if (op.op === 'QUANTIZE') {
      const [s, z] = quantParams(outT, base);
      const v = g.newValue(base);
      setInfo(v, outT);
      g.addNode({
        op: 'QuantizeLinear',
        name: g.uniqueNodeName(base),
        inputs: [floatView(op.inputs[0]!), s, z],
        outputs: [v],
        origin,
      });
      raw.set(op.outputs[0]!, v);
      continue;
    }
    const ctx: OpCtx = {
      op,
      name: base,
      input: (i) => (op.inputs[i] === undefined || op.inputs[i]! < 0 ? null : floatView(op.inputs[i]!)),
      constData: (i) => (op.inputs[i]! >= 0 ? rawValue(op.inputs[i]!).data : null),
      shapeOf: (i) => sg.tensors[op.inputs[i]!]!.shape,
      outShapeOf: (i) => sg.tensors[op.outputs[i]!]!.shape,
      typeOf: (i) => sg.tensors[op.inputs[i]!]!.type,
      outTypeOf: (i) => sg.tensors[op.outputs[i]!]!.type,
      weight: (i, f, axis) => {
        const t = sg.tensors[op.inputs[i]!]!;
        const r = rawValue(op.inputs[i]!);
        if (!r.data) return floatView(op.inputs[i]!);
        const w = g.newValue(`${r.name}/onnx`);
        const d = f(r.data);
        w.data = d;
        w.dtype = d.dtype;
        w.shape = [...d.dims];
        if (r.meta.storedAs) w.meta.storedAs = r.meta.storedAs;
        return quantized(t) ? dequantize(w, t, `${w.name}/dequantized`, axis) : w;
      },
      constant: constant(base),
      node: (opName, inputs, attrs = new Map(), domain = '', outputs = 1) => {
        const outs = Array.from({ length: outputs }, (_, k) => g.newValue(`${base}/${opName}${k ? `_${k}` : ''}`));
        g.addNode({ op: opName, domain, name: g.uniqueNodeName(base), inputs, outputs: outs, attrs, origin });
        return outs;
      },
    };
    const importer = tfliteImporters().get(opKey(op));
    const outs = importer ? importer(ctx) : null;
    if (!outs) {
      // foreign: kept as tflite.<OP> (custom ops as tflite.Custom:<name>, options bytes kept)
      const attrs = new Map(
        op.customOptions
          ? [['custom_options', { type: 'opaque' as const, kind: 'bytes', value: op.customOptions }]]
          : [],
      );
      const fo = op.outputs.map((k) => {
        const v = g.newValue(sg.tensors[k]!.name || `${base}_${k}`);
        setInfo(v, sg.tensors[k]!);
        return v;
      });
      g.addNode({
        op: op.op === 'CUSTOM' ? `Custom:${op.custom}` : op.op,
        domain: 'tflite',
        name: g.uniqueNodeName(base),
        inputs: op.inputs.map((k) => (k < 0 ? null : rawValue(k))),
        outputs: fo,
        attrs,
        origin,
      });
      op.outputs.forEach((k, j) => raw.set(k, fo[j]!));
      continue;
    }
    op.outputs.forEach((k, j) => {
      const t = sg.tensors[k]!;
      let y = outs![j]!;
      if (quantized(t) && t.type === 'INT16' && t.quant!.scale.length === 1) {
        y = quantizeInt16(g, y, t.quant!.scale[0]!, `${t.name}/quantize`, origin);
      } else if (quantized(t)) {
        const [s, z] = quantParams(t, t.name);
        const q = g.newValue(t.name);
        g.addNode({
          op: 'QuantizeLinear',
          name: g.uniqueNodeName(`${t.name}/quantize`),
          inputs: [y, s, z],
          outputs: [q],
          origin,
        });
        y = q;
      } else if (y.producer && !g.inputs.includes(y)) g.rename(y, g.lookup(t.name) ? g.newValue(t.name).name : t.name);
      setInfo(y, t);
      raw.set(k, y);
    });
  }
  for (const i of sg.outputs) {
    const v = raw.get(i);
    if (!v) throw new InputError(file, `output tensor ${i} is produced by no operator`);
    g.outputs.push(v);
  }
  cancelTransposePairs(g);
  removeDeadNodes(g);
  inferShapes(model);
  return model;
}
