/**
 * One TFLite subgraph emitted into an IR graph: the entry subgraph as the model's main graph, a
 * called subgraph (CALL_ONCE, STABLEHLO_COMPOSITE's decomposition, WHILE's condition) inlined on
 * given input values, or a WHILE/IF body as a nested Graph (a Graph-valued attribute).
 */
import type { Graph } from '../../src/ir/graph.js';
import type { Value } from '../../src/ir/value.js';
import { Tensor } from '../../src/ir/tensor.js';
import { attr } from '../../src/ir/attr.js';
import { numbersToBytes } from '../../src/ir/typed-data.js';
import { byteSize, type DType } from '../../src/ir/dtype.js';
import { InputError } from '../../src/io/input-error.js';
import type { TflModel, TflOperator, TflSubgraph, TflTensor } from './read-model.js';
import { TFL_DTYPE, halfToFloat32, tensorOf } from './tensor-data.js';
import type { OpCtx } from './ops/op-context.js';
import { opKey, tfliteImporters } from './ops/index.js';
import { densify } from './densify.js';
import { dequantizeInt16, quantizeInt16 } from './int16-quant.js';
import { STRUCTURAL_OPS } from './structural-ops.js';
import { dequantizeBlockwise } from './blockwise-dequantize.js';

/** State shared by every subgraph of one import: resource variables by shared name, call depth. */
export interface ImportSession {
  tfl: TflModel;
  file: string;
  /** VAR_HANDLE shared name → the value last assigned (ASSIGN_VARIABLE), with the graph it lives in. */
  variables: Map<string, { value: Value; graph: Graph }>;
  /** Subgraph indices being emitted (a subgraph that calls itself is a corrupt file). */
  active: number[];
  /** Called after each operator is imported (progress of a large model). */
  onOperator?: () => void;
}

export class SubgraphImporter {
  readonly sg: TflSubgraph;
  /** tensor index → value as stored (int8 for quantized) */
  readonly raw = new Map<number, Value>();
  /** tensor index → dequantized float view */
  private readonly float = new Map<number, Value>();
  /** tensor index → VAR_HANDLE shared name (resource tensors) */
  readonly handles = new Map<number, string>();

  constructor(
    readonly session: ImportSession,
    readonly index: number,
    readonly g: Graph,
  ) {
    const sg = session.tfl.subgraphs[index];
    if (!sg) throw new InputError(session.file, `subgraph ${index} of ${session.tfl.subgraphs.length} does not exist`);
    this.sg = sg;
  }

  get file(): string {
    return this.session.file;
  }
  tensor(idx: number): TflTensor {
    return this.sg.tensors[idx]!;
  }
  dtypeOf(t: TflTensor) {
    return TFL_DTYPE[t.type] ?? null;
  }
  quantized(t: TflTensor): boolean {
    return !!t.quant && t.type !== 'FLOAT32' && t.type !== 'FLOAT16';
  }
  setInfo(v: Value, t: TflTensor): void {
    v.dtype = this.dtypeOf(t);
    v.shape = t.shape.map((d, i) => (t.signature[i] === -1 ? (i === 0 ? 'N' : `${t.name}_${i}`) : d));
    if (t.quant) v.meta.quantization = t.quant;
  }

  /**
   * Emits the subgraph. `inputs` given: the subgraph's inputs are those values (inlining or a body
   * whose inputs the caller made); absent: its inputs become the graph's inputs. Returns its outputs.
   */
  emit(inputs?: (Value | null)[]): Value[] {
    const { active, file } = this.session;
    if (active.includes(this.index)) throw new InputError(file, `subgraph ${this.index} calls itself`);
    active.push(this.index);
    this.sg.inputs.forEach((t, i) => {
      if (!inputs) this.g.inputs.push(this.rawValue(t));
      else if (inputs[i]) this.raw.set(t, inputs[i]!);
      else throw new InputError(file, `subgraph ${this.index} input ${i} is not given`);
    });
    for (const op of this.sg.operators) {
      this.operator(op);
      this.session.onOperator?.();
    }
    active.pop();
    return this.sg.outputs.map((i) => {
      const v = this.raw.get(i) ?? this.constantOutput(i);
      if (!v) throw new InputError(file, `subgraph ${this.index}: output tensor ${i} is produced by no operator`);
      return v;
    });
  }

  /** An output tensor that is a constant of the file: an Identity of the constant (a graph output needs a producer). */
  private constantOutput(idx: number): Value | null {
    const t = this.tensor(idx);
    if (!t.buffer || !this.session.tfl.buffers[t.buffer]?.byteLength) return null;
    const k = this.g.newValue(`${t.name || `tensor_${idx}`}/constant`);
    const c = this.rawValue(idx);
    this.raw.delete(idx);
    k.data = c.data;
    k.dtype = c.dtype;
    k.shape = c.shape;
    this.g.addNode({
      op: 'Identity',
      name: this.g.uniqueNodeName(t.name || `tensor_${idx}`),
      inputs: [k],
      outputs: [c],
      origin: { format: 'tflite', name: t.name, type: 'constant output' },
    });
    c.data = null;
    this.raw.set(idx, c);
    return c;
  }

  rawValue(idx: number): Value {
    let v = this.raw.get(idx);
    if (v) return v;
    const t = this.tensor(idx);
    v = this.g.newValue(t.name || `tensor_${idx}`);
    this.setInfo(v, t);
    const data = t.buffer ? this.session.tfl.buffers[t.buffer] : null;
    if (data && t.sparse) {
      // a sparse constant (TFLite sparsity parameters) stays as stored; the DENSIFY op that reads it makes it dense
      v.meta.sparseBuffer = data.read();
      v.meta.sparsity = t.sparsity;
    } else if (data && t.blockwise) {
      const buffers = this.session.tfl.buffers;
      // dequantized at import: the float result is what the graph reads (read eagerly, unlike plain weights)
      v.data = dequantizeBlockwise(this.file, t, data.read(), {
        tensor: (i) => this.sg.tensors[i],
        buffer: (x) => (x.buffer ? (buffers[x.buffer]?.read() ?? null) : null),
      });
      v.dtype = 'float32';
    } else if (data) {
      const dt = this.dtypeOf(t);
      if (!dt) throw new InputError(this.file, `tensor '${t.name}' has unsupported type ${t.type}`);
      const need = t.shape.reduce((a, b) => a * b, 1);
      if (dt !== 'string' && data.byteLength < byteSize(dt, need))
        throw new InputError(
          this.file,
          `tensor '${t.name}': buffer has ${data.byteLength} bytes for shape [${t.shape.join(',')}]`,
        );
      v.data = tensorOf(dt, [...t.shape], data, quantOf(t));
    }
    this.raw.set(idx, v);
    return v;
  }
  floatView(idx: number): Value {
    let v = this.float.get(idx);
    if (v) return v;
    const t = this.tensor(idx);
    const r = this.rawValue(idx);
    if (!this.quantized(t)) return r;
    v = this.dequantize(r, t, `${r.name}/dequantized`);
    this.float.set(idx, v);
    return v;
  }
  quantParams(t: TflTensor, base: string): [Value, Value] {
    const g = this.g,
      q = t.quant!;
    const per = q.scale.length > 1;
    const s = g.newValue(`${base}/scale`);
    s.data = Tensor.fromBytes('float32', per ? [q.scale.length] : [], numbersToBytes('float32', q.scale));
    s.dtype = 'float32';
    s.shape = per ? [q.scale.length] : [];
    const zd = this.dtypeOf(t)!;
    const zpVals = q.zeroPoint.length ? q.zeroPoint : q.scale.map(() => 0);
    const z = g.newValue(`${base}/zero_point`);
    z.data = Tensor.fromBytes(zd, per ? [zpVals.length] : [], numbersToBytes(zd, per ? zpVals : [zpVals[0]!]));
    z.dtype = zd;
    z.shape = per ? [zpVals.length] : [];
    return [s, z];
  }
  dequantize(r: Value, t: TflTensor, name: string, axis?: number): Value {
    if (t.type === 'INT16' && t.quant!.scale.length === 1)
      return dequantizeInt16(this.g, r, t.quant!.scale[0]!, name, {
        format: 'tflite',
        name: t.name,
        type: 'DEQUANTIZE',
      });
    const [s, z] = this.quantParams(t, name);
    const out = this.g.newValue(name);
    const attrs = new Map(t.quant!.scale.length > 1 ? [['axis', attr.int(axis ?? t.quant!.axis)]] : []);
    this.g.addNode({
      op: 'DequantizeLinear',
      name: this.g.uniqueNodeName(name),
      inputs: [r, s, z.dtype === 'int32' ? null : z],
      outputs: [out],
      attrs,
      origin: { format: 'tflite', name: t.name, type: 'DEQUANTIZE' },
    });
    return out;
  }
  constant(base: string, name: string, dtype: DType, dims: number[], values: number[]): Value {
    const v = this.g.newValue(`${base}/${name}`);
    v.data = Tensor.fromBytes(dtype, dims, numbersToBytes(dtype, values));
    v.dtype = dtype;
    v.shape = [...dims];
    return v;
  }
  /** Binds output tensor k to `v` (the value as stored). */
  bind(k: number, v: Value): void {
    this.raw.set(k, v);
  }

  private operator(op: TflOperator): void {
    const outT = op.outputs.length ? this.tensor(op.outputs[0]!) : null;
    const base = outT?.name || `${op.op}_out`;
    const origin = { format: 'tflite', name: base, type: op.op === 'CUSTOM' ? `CUSTOM:${op.custom}` : op.op };
    const structural = STRUCTURAL_OPS[op.op];
    if (structural && structural(this, op, origin)) return;
    if (op.op === 'DENSIFY' && this.densifyConstant(op, base)) return;
    if (op.op === 'DEQUANTIZE') return this.dequantizeOp(op, base, origin);
    if (op.op === 'QUANTIZE' && outT!.type === 'INT16' && outT!.quant?.scale.length === 1) {
      const v = quantizeInt16(this.g, this.floatView(op.inputs[0]!), outT!.quant.scale[0]!, base, origin);
      this.setInfo(v, outT!);
      this.bind(op.outputs[0]!, v);
      return;
    }
    if (op.op === 'QUANTIZE') {
      const [s, z] = this.quantParams(outT!, base);
      const v = this.g.newValue(base);
      this.setInfo(v, outT!);
      this.g.addNode({
        op: 'QuantizeLinear',
        name: this.g.uniqueNodeName(base),
        inputs: [this.floatView(op.inputs[0]!), s, z],
        outputs: [v],
        origin,
      });
      this.bind(op.outputs[0]!, v);
      return;
    }
    const importer = tfliteImporters().get(opKey(op));
    const outs = importer ? importer(this.opCtx(op, base, origin)) : null;
    if (!outs) return this.foreign(op, base, origin);
    op.outputs.forEach((k, j) => {
      const t = this.tensor(k);
      let y = outs[j]!;
      if (this.quantized(t) && t.type === 'INT16' && t.quant!.scale.length === 1) {
        y = quantizeInt16(this.g, y, t.quant!.scale[0]!, `${t.name}/quantize`, origin);
      } else if (this.quantized(t)) {
        const [s, z] = this.quantParams(t, t.name);
        const q = this.g.newValue(t.name);
        this.g.addNode({
          op: 'QuantizeLinear',
          name: this.g.uniqueNodeName(`${t.name}/quantize`),
          inputs: [y, s, z],
          outputs: [q],
          origin,
        });
        y = q;
      } else if (y.producer && !this.g.inputs.includes(y))
        this.g.rename(y, this.g.lookup(t.name) ? this.g.newValue(t.name).name : t.name);
      this.setInfo(y, t);
      this.bind(k, y);
    });
  }

  opCtx(op: TflOperator, base: string, origin: { format: string; name: string; type: string }): OpCtx {
    const g = this.g;
    return {
      op,
      name: base,
      input: (i) => (op.inputs[i] === undefined || op.inputs[i]! < 0 ? null : this.floatView(op.inputs[i]!)),
      constData: (i) => (op.inputs[i]! >= 0 ? this.rawValue(op.inputs[i]!).data : null),
      shapeOf: (i) => this.tensor(op.inputs[i]!).shape,
      typeOf: (i) => this.tensor(op.inputs[i]!).type,
      outTypeOf: (i) => this.tensor(op.outputs[i]!).type,
      isVariable: (i) => this.tensor(op.inputs[i]!).variable,
      outShapeOf: (i) => this.tensor(op.outputs[i]!).shape,
      weight: (i, f, axis) => {
        const t = this.tensor(op.inputs[i]!);
        const r = this.rawValue(op.inputs[i]!);
        if (!r.data) return this.floatView(op.inputs[i]!);
        const w = g.newValue(`${r.name}/onnx`);
        const d = f(r.data);
        w.data = d;
        w.dtype = d.dtype;
        w.shape = [...d.dims];
        if (r.meta.storedAs) w.meta.storedAs = r.meta.storedAs;
        return this.quantized(t) ? this.dequantize(w, t, `${w.name}/dequantized`, axis) : w;
      },
      constant: (name, dtype, dims, values) => this.constant(base, name, dtype, dims, values),
      subgraph: (index) => this.session.tfl.subgraphs[index] ?? null,
      node: (opName, inputs, attrs = new Map(), domain = '', outputs = 1) => {
        const outs = Array.from({ length: outputs }, (_, k) => g.newValue(`${base}/${opName}${k ? `_${k}` : ''}`));
        g.addNode({ op: opName, domain, name: g.uniqueNodeName(base), inputs, outputs: outs, attrs, origin });
        return outs;
      },
    };
  }

  /** Foreign: kept as tflite.<OP> (custom ops as tflite.Custom:<name>, options bytes kept), outputs as declared. */
  foreign(op: TflOperator, base: string, origin: { format: string; name: string; type: string }): void {
    const attrs = new Map(
      op.customOptions ? [['custom_options', { type: 'opaque' as const, kind: 'bytes', value: op.customOptions }]] : [],
    );
    const fo = op.outputs.map((k) => {
      const v = this.g.newValue(this.tensor(k).name || `${base}_${k}`);
      this.setInfo(v, this.tensor(k));
      return v;
    });
    this.g.addNode({
      op: op.op === 'CUSTOM' ? `Custom:${op.custom}` : op.op,
      domain: 'tflite',
      name: this.g.uniqueNodeName(base),
      inputs: op.inputs.map((k) => (k < 0 ? null : this.rawValue(k))),
      outputs: fo,
      attrs,
      origin,
    });
    op.outputs.forEach((k, j) => this.bind(k, fo[j]!));
  }

  /** DENSIFY of a sparse constant: the dense constant (the one place weights are materialised: the file has no dense copy). */
  private densifyConstant(op: TflOperator, base: string): boolean {
    const inT = this.tensor(op.inputs[0]!),
      r = this.rawValue(op.inputs[0]!),
      dt = this.dtypeOf(inT);
    const stored = r.meta.sparseBuffer as Uint8Array | undefined;
    if (!stored || !inT.sparsity || !dt || dt === 'string') return false;
    const fail = (why: string): never => {
      throw new InputError(this.file, `tensor '${inT.name}': ${why}`);
    };
    const bytes = densify(inT.sparsity, inT.shape, stored, byteSize(dt, 1), fail);
    const v = this.g.newValue(base);
    this.setInfo(v, this.tensor(op.outputs[0]!));
    v.data = Tensor.fromBytes(dt, [...inT.shape], bytes, quantOf(inT));
    v.meta.storedAs = 'sparse';
    this.bind(op.outputs[0]!, v);
    return true;
  }

  /** DEQUANTIZE of an fp16 constant: a float32 constant (exact); of fp16 data: Cast; of int8 data: DequantizeLinear. */
  private dequantizeOp(op: TflOperator, base: string, origin: { format: string; name: string; type: string }): void {
    const inT = this.tensor(op.inputs[0]!);
    const r = this.rawValue(op.inputs[0]!);
    if (inT.type === 'FLOAT16' && r.data) {
      const v = this.g.newValue(base);
      v.data = halfToFloat32(r.data);
      v.dtype = 'float32';
      v.shape = [...r.data.dims];
      v.meta.storedAs = r.meta.storedAs === 'sparse' ? 'sparse float16' : 'float16';
      this.bind(op.outputs[0]!, v);
      return;
    }
    if (inT.type === 'FLOAT16') {
      const v = this.g.newValue(base);
      this.g.addNode({
        op: 'Cast',
        name: this.g.uniqueNodeName(base),
        inputs: [r],
        outputs: [v],
        attrs: new Map([['to', attr.int(1)]]),
        origin,
      });
      this.bind(op.outputs[0]!, v);
      return;
    }
    this.bind(op.outputs[0]!, this.dequantize(r, inT, base));
  }
}

export function quantOf(t: TflTensor) {
  return t.quant ? { scale: t.quant.scale, zeroPoint: t.quant.zeroPoint, axis: t.quant.axis } : null;
}
