/**
 * IR nodes → ncnn layers. ncnn has no batch axis (it must be 1) and at most 4 dims (w, h, d, c):
 * every axis and shape parameter is mapped accordingly; param ids come from opsets/ncnn.json.
 */
import type { Node } from '../../src/ir/node.js';
import type { Value } from '../../src/ir/value.js';
import { tensorToFloat32, tensorToNumbers } from '../../src/ir/typed-data.js';
import { knownValue } from '../../src/shape/infer.js';
import { batchAxisOf } from '../../src/shape/batch-axis.js';
import type { NcnnLayer, NcnnWeight, ParamValue } from './ncnn-layer.js';
import { deferredWeight, weightCount, type WeightScratch } from './deferred-weight.js';
import { float32Via } from '../../src/ir/float32-via.js';
import { floatsIn } from '../../src/io/reusable-buffer.js';
import { enumValue, paramId, PERMUTE_2D, PERMUTE_3D, PERMUTE_4D } from './ncnn-table.js';
import { gatherConstant, layerNorm } from './export-norm-gather.js';
import { recurrent } from './export-recurrent.js';
import { exportMore } from './export-more.js';

/**
 * The exporter cannot write a node; `ruleId` names the targets.json rule through which the ncnn check reports the
 * same limit. The export runs only once that check passes, so a refusal here is an internal assertion that the rule
 * and the layer code agree (test/converters/ncnn/ready-export.test.ts and export-refusals.test.ts hold them to it).
 */
export class ExportRefusal extends Error {
  constructor(
    message: string,
    readonly ruleId: string,
  ) {
    super(message);
  }
}

export interface LayerSink {
  /** Blob name of a non-constant value (a constant operand becomes a MemoryData layer). */
  blob(v: Value, shapeForConst?: number[]): string;
  emit(l: NcnnLayer): void;
  /** A fresh blob name. */
  fresh(base: string): string;
  /** Whether a value is read: by a node or as a graph output. */
  needed(v: Value): boolean;
}

/** A constant's values as float32; with the writer's scratch, read into its input buffer (deferred weights). */
export const f32 = (v: Value, scratch?: WeightScratch): Float32Array =>
  scratch ? float32Via(knownValue(v)!, scratch.input) : tensorToFloat32(knownValue(v)!);
export const dims = (v: Value | null | undefined): number[] => {
  const s = v?.shape;
  if (!s || s.some((d) => typeof d !== 'number'))
    throw new ExportRefusal(`value '${v?.name}' has no static shape`, 'ncnn/tensor-static-shape');
  return s as number[];
};
/** ncnn axis of an ONNX axis: the batch axis (0 unless shape inference placed it elsewhere) is dropped. */
export function axis(a: number, rank: number, what: string, batchAxis: number | null = 0): number {
  const n = a < 0 ? a + rank : a;
  const b = batchAxis ?? 0;
  if (n === b)
    throw new ExportRefusal(`${what} works along the batch axis, which ncnn does not have`, `ncnn/${what}-batch-axis`);
  return n < b ? n : n - 1;
}
/** A shape with its batch axis moved to the front (where shapeParams expects it). */
export function batchFirst(s: number[], batchAxis: number | null): number[] {
  const b = batchAxis ?? 0;
  return b === 0 || b >= s.length ? s : [s[b]!, ...s.filter((_, i) => i !== b)];
}
/** ncnn w/h/d/c params of an ONNX shape with batch 1 (`batchRule`: the rule that reports a batch other than 1). */
export function shapeParams(layer: string, s: number[], batchRule = 'ncnn/model-batch'): Map<number, ParamValue> {
  if (s[0] !== 1) throw new ExportRefusal(`batch ${s[0]}: ncnn has no batch axis`, batchRule);
  const r = s.slice(1);
  if (r.length > 4)
    throw new ExportRefusal(`rank ${s.length}: ncnn blobs have at most 4 dims besides the batch`, 'ncnn/tensor-rank');
  const [w, h, d, c] = [
    r[r.length - 1],
    r[r.length - 2],
    r.length === 4 ? r[1] : undefined,
    r.length >= 3 ? r[0] : undefined,
  ];
  const p = new Map<number, ParamValue>();
  if (w !== undefined) p.set(paramId(layer, 'w'), w);
  if (h !== undefined) p.set(paramId(layer, 'h'), h);
  if (d !== undefined) p.set(paramId(layer, 'd'), d);
  if (c !== undefined) p.set(paramId(layer, 'c'), c);
  return p;
}
export function layer(
  type: string,
  n: Node,
  sink: LayerSink,
  bottoms: string[],
  params: [string, ParamValue][] = [],
  weights: NcnnLayer['weights'] = [],
): NcnnLayer {
  const l: NcnnLayer = {
    type,
    name: n.name || sink.fresh(n.op),
    bottoms,
    tops: [n.outputs[0]!.name],
    params: new Map(params.map(([k, v]) => [paramId(type, k), v])),
    weights,
  };
  return l;
}
export const isConst = (v: Value | null | undefined): boolean => !!v && knownValue(v) !== null;

/** ncnn's dilation, stride and pad params of a 2-D Conv or ConvTranspose (pads must be explicit). */
function windowParams(n: Node): [string, ParamValue][] {
  if (n.str('auto_pad', 'NOTSET') !== 'NOTSET')
    throw new ExportRefusal(`${n.op} auto_pad: run shape inference with explicit pads`, `ncnn/${n.op}-auto-pad`);
  const [sh, sw] = n.ints('strides') ?? [1, 1],
    [dh, dw] = n.ints('dilations') ?? [1, 1];
  const [pt, pl, pb, pr] = n.ints('pads') ?? [0, 0, 0, 0];
  return [
    ['dilation_w', dw!],
    ['dilation_h', dh!],
    ['stride_w', sw!],
    ['stride_h', sh!],
    ['pad_left', pl!],
    ['pad_right', pr!],
    ['pad_top', pt!],
    ['pad_bottom', pb!],
  ];
}

function conv(n: Node, s: LayerSink): void {
  const x = dims(n.inputs[0]),
    w = n.inputs[1]!,
    wd = dims(w);
  if (x.length !== 4)
    throw new ExportRefusal(
      `${n.op} on a rank-${x.length} input: only 2-D convolutions are exported`,
      'ncnn/Conv-rank',
    );
  if (!isConst(w)) throw new ExportRefusal('Conv with non-constant weights', 'ncnn/Conv-weight-const');
  const group = n.int('group', 1);
  const [kh, kw] = n.ints('kernel_shape') ?? [wd[2]!, wd[3]!];
  const window = windowParams(n);
  const type = group === 1 ? 'Convolution' : 'ConvolutionDepthWise';
  const bias = n.inputs[2];
  const params: [string, ParamValue][] = [
    ['num_output', wd[0]!],
    ['kernel_w', kw!],
    ['kernel_h', kh!],
    ...window,
    ['bias_term', bias ? 1 : 0],
    ['weight_data_size', knownValue(w)!.count],
  ];
  if (group !== 1) params.push(['group', group]);
  s.emit(
    layer(type, n, s, [s.blob(n.inputs[0]!)], params, [
      deferredWeight(knownValue(w)!.count, true, (scratch) => f32(w, scratch)),
      ...(bias ? [{ data: f32(bias), tagged: false }] : []),
    ]),
  );
}

function deconv(n: Node, s: LayerSink): void {
  const x = dims(n.inputs[0]),
    w = n.inputs[1]!,
    wd = dims(w),
    group = n.int('group', 1);
  if (x.length !== 4)
    throw new ExportRefusal('ConvTranspose: only 2-D deconvolutions are exported', 'ncnn/ConvTranspose-rank');
  if (!isConst(w))
    throw new ExportRefusal('ConvTranspose with non-constant weights', 'ncnn/ConvTranspose-weight-const');
  const [cin, coutG, kh, kw] = wd as [number, number, number, number];
  const cinG = cin / group,
    cout = coutG * group;
  // ONNX [Cin, Cout/group, kh, kw] (group-major rows) → ncnn per group [Cout/group, Cin/group, kh, kw]
  const k = kh * kw;
  const regrouped = (scratch: WeightScratch): Float32Array => {
    const src = f32(w, scratch),
      dst = floatsIn(scratch.output, src.length);
    for (let g = 0; g < group; g++) {
      for (let i = 0; i < cinG; i++) {
        for (let o = 0; o < coutG; o++) {
          const from = ((g * cinG + i) * coutG + o) * k,
            to = ((g * coutG + o) * cinG + i) * k;
          dst.set(src.subarray(from, from + k), to);
        }
      }
    }
    return dst;
  };
  const count = knownValue(w)!.count;
  const window = windowParams(n);
  if (n.ints('output_shape'))
    throw new ExportRefusal(
      'ConvTranspose output_shape: give pads and output_padding',
      'ncnn/ConvTranspose-output-shape',
    );
  const [oph, opw] = n.ints('output_padding') ?? [0, 0];
  const bias = n.inputs[2];
  const type = group === 1 ? 'Deconvolution' : 'DeconvolutionDepthWise';
  const params: [string, ParamValue][] = [
    ['num_output', cout],
    ['kernel_w', kw],
    ['kernel_h', kh],
    ...window,
    ['output_pad_right', opw!],
    ['output_pad_bottom', oph!],
    ['bias_term', bias ? 1 : 0],
    ['weight_data_size', count],
  ];
  if (group !== 1) params.push(['group', group]);
  s.emit(
    layer(type, n, s, [s.blob(n.inputs[0]!)], params, [
      deferredWeight(count, true, regrouped),
      ...(bias ? [{ data: f32(bias), tagged: false }] : []),
    ]),
  );
}

function pool(n: Node, s: LayerSink): void {
  const x = dims(n.inputs[0]);
  const global = n.op.startsWith('Global');
  const type = n.op.includes('Max') ? 0 : 1;
  if (x.length !== 4)
    throw new ExportRefusal(`${n.op} on rank ${x.length}: only 2-D pooling is exported`, `ncnn/${n.op}-rank`);
  if (n.outputs[1] && (n.outputs[1].consumers.length || s.needed(n.outputs[1])))
    throw new ExportRefusal('MaxPool Indices output', `ncnn/${n.op}-indices`);
  const pooled = global ? s.fresh(`${n.outputs[0]!.name}_pooled`) : n.outputs[0]!.name;
  if (global) {
    s.emit({
      type: 'Pooling',
      name: n.name || s.fresh('pool'),
      bottoms: [s.blob(n.inputs[0]!)],
      tops: [pooled],
      params: new Map([
        [paramId('Pooling', 'pooling_type'), type],
        [paramId('Pooling', 'global_pooling'), 1],
      ]),
      weights: [],
    });
    // ncnn's global pooling yields a 1-D blob [c]; keep ONNX's [1,C,1,1] as (c, 1, 1)
    s.emit({
      type: 'Reshape',
      name: s.fresh(`${n.name || 'pool'}_reshape`),
      bottoms: [pooled],
      tops: [n.outputs[0]!.name],
      params: shapeParams('Reshape', dims(n.outputs[0])),
      weights: [],
    });
    return;
  }
  const [kh, kw] = n.ints('kernel_shape')!;
  const [sh, sw] = n.ints('strides') ?? [1, 1];
  const pads = n.ints('pads') ?? [0, 0, 0, 0];
  const [pt, pl] = pads;
  let [, , pb, pr] = pads;
  if ((n.ints('dilations') ?? [1, 1]).some((d) => d !== 1))
    throw new ExportRefusal('pooling with dilations', `ncnn/${n.op}-dilations`);
  if (n.int('ceil_mode', 0)) {
    // ceil rounding as explicit end padding (exact for max pooling; average pooling refuses below)
    const y = dims(n.outputs[0]);
    const eh = (y[2]! - 1) * sh! + kh! - x[2]! - pt!,
      ew = (y[3]! - 1) * sw! + kw! - x[3]! - pl!;
    if (type === 1 && (eh > pb! || ew > pr!))
      throw new ExportRefusal('AveragePool ceil_mode with padding beyond the input', 'ncnn/AveragePool-ceil-mode');
    pb = Math.max(pb!, eh);
    pr = Math.max(pr!, ew);
  }
  s.emit(
    layer(
      'Pooling',
      n,
      s,
      [s.blob(n.inputs[0]!)],
      [
        ['pooling_type', type],
        ['kernel_w', kw!],
        ['kernel_h', kh!],
        ['stride_w', sw!],
        ['stride_h', sh!],
        ['pad_left', pl!],
        ['pad_right', pr!],
        ['pad_top', pt!],
        ['pad_bottom', pb!],
        ['pad_mode', 1],
        ['avgpool_count_include_pad', n.int('count_include_pad', 0)],
      ],
    ),
  );
}

/** InnerProduct of `nout` outputs whose weights `w` ([nout, K] row-major) computes when the .bin is written. */
function innerProduct(n: Node, s: LayerSink, w: NcnnWeight, nout: number, bias: Value | null | undefined): void {
  s.emit(
    layer(
      'InnerProduct',
      n,
      s,
      [s.blob(n.inputs[0]!)],
      [
        ['num_output', nout],
        ['bias_term', bias ? 1 : 0],
        ['weight_data_size', weightCount(w)],
      ],
      [w, ...(bias ? [{ data: f32(bias), tagged: false }] : [])],
    ),
  );
}
/** The r×c matrix `a` transposed, in the scratch's output buffer. */
function transpose2(a: Float32Array, r: number, c: number, scratch: WeightScratch): Float32Array {
  const t = floatsIn(scratch.output, a.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j]!;
  return t;
}

function gemm(n: Node, s: LayerSink): void {
  const b = n.inputs[1]!,
    a = dims(n.inputs[0]);
  if (
    !isConst(b) ||
    n.int('transA', 0) ||
    n.float('alpha', 1) !== 1 ||
    n.float('beta', 1) !== 1 ||
    a.length !== 2 ||
    a[0] !== 1
  )
    throw new ExportRefusal(
      'Gemm: exported as InnerProduct only with A [1,K], constant B and alpha = beta = 1',
      'ncnn/Gemm-inner-product',
    );
  const bd = dims(b);
  const c = n.inputs[2];
  if (c && (!isConst(c) || knownValue(c)!.count !== (n.int('transB', 0) ? bd[0] : bd[1])))
    throw new ExportRefusal('Gemm bias must be a constant [N]', 'ncnn/Gemm-inner-product');
  const transB = n.int('transB', 0) !== 0;
  const wt = deferredWeight(bd[0]! * bd[1]!, true, (scratch) =>
    transB ? f32(b, scratch) : transpose2(f32(b, scratch), bd[0]!, bd[1]!, scratch),
  );
  innerProduct(n, s, wt, transB ? bd[0]! : bd[1]!, c);
}

function matmul(n: Node, s: LayerSink): void {
  const b = n.inputs[1]!,
    a = dims(n.inputs[0]),
    bd = dims(b);
  if (a[0] !== 1) throw new ExportRefusal(`MatMul on batch ${a[0]}: ncnn has no batch axis`, 'ncnn/MatMul-shapes');
  if (isConst(b) && bd.length === 2 && a.length <= 3) {
    const [k, nout] = bd as [number, number];
    return innerProduct(
      n,
      s,
      deferredWeight(k * nout, true, (scratch) => transpose2(f32(b, scratch), k, nout, scratch)),
      nout,
      null,
    );
  }
  // ncnn's MatMul (src/layer/matmul.cpp) multiplies the last two axes and broadcasts a 2-D B over A's outer axes;
  // both operands must then be either 2-D B or of A's rank with equal outer dims
  const sameOuter = bd.length === a.length && bd.slice(0, -2).every((d, i) => d === a[i]);
  if (a.length > 5 || !(bd.length === 2 || sameOuter))
    throw new ExportRefusal(
      `MatMul [${a.join(',')}] × [${bd.join(',')}]: ncnn's MatMul broadcasts only a 2-D B`,
      'ncnn/MatMul-shapes',
    );
  s.emit(layer('MatMul', n, s, [s.blob(n.inputs[0]!), s.blob(b, bd.length === 2 ? [1, ...bd] : bd)], [['transB', 0]]));
}

const BINARY: Record<string, string> = {
  Add: 'ADD',
  Sub: 'SUB',
  Mul: 'MUL',
  Div: 'DIV',
  Max: 'MAX',
  Min: 'MIN',
  Pow: 'POW',
};
function binary(n: Node, s: LayerSink): void {
  const [a, b] = n.inputs as [Value, Value];
  const out = dims(n.outputs[0]);
  const op = enumValue('BinaryOp', 'op_type', BINARY[n.op]!);
  const scalar = (v: Value): number | null => {
    const t = knownValue(v);
    return t && t.count === 1 ? tensorToNumbers(t)[0]! : null;
  };
  const sb = scalar(b),
    sa = scalar(a);
  // ncnn's vectorised pow is exp(b·log a): NaN for a < 0 even with b = 2 (a LayerNorm's variance); square is exact
  if (n.op === 'Pow' && sb === 2) {
    s.emit(layer('UnaryOp', n, s, [s.blob(a)], [['op_type', enumValue('UnaryOp', 'op_type', 'SQUARE')]]));
    return;
  }
  if (n.op === 'Pow' && sb === 1) {
    s.emit(layer('Noop', n, s, [s.blob(a)]));
    return;
  }
  if (sb !== null || (sa !== null && (n.op === 'Add' || n.op === 'Mul' || n.op === 'Max' || n.op === 'Min'))) {
    const x = sb !== null ? a : b;
    s.emit(
      layer(
        'BinaryOp',
        n,
        s,
        [s.blob(x)],
        [
          ['op_type', op],
          ['with_scalar', 1],
          ['b', (sb ?? sa)!],
        ],
      ),
    );
    return;
  }
  // ncnn aligns a lower-rank operand with the leading dims (unlike numpy): give both operands the output's rank
  const full = (v: Value): number[] => {
    const d = dims(v);
    return [...new Array<number>(out.length - d.length).fill(1), ...d];
  };
  s.emit(layer('BinaryOp', n, s, [s.blob(a, full(a)), s.blob(b, full(b))], [['op_type', op]]));
}

const UNARY: Record<string, string> = {
  Abs: 'ABS',
  Neg: 'NEG',
  Floor: 'FLOOR',
  Ceil: 'CEIL',
  Sqrt: 'SQRT',
  Exp: 'EXP',
  Log: 'LOG',
  Sin: 'SIN',
  Cos: 'COS',
  Tan: 'TAN',
  Reciprocal: 'RECIPROCAL',
  Asin: 'ASIN',
  Acos: 'ACOS',
  Atan: 'ATAN',
  Round: 'ROUND',
  Sign: 'SIGN',
  Sinh: 'SINH',
  Asinh: 'ASINH',
  Cosh: 'COSH',
  Acosh: 'ACOSH',
  Atanh: 'ATANH',
};
/** ONNX reductions and ncnn's Reduction operations (src/layer/reduction.h). */
const REDUCTION: Record<string, string> = {
  ReduceMean: 'MEAN',
  ReduceSum: 'SUM',
  ReduceMax: 'MAX',
  ReduceMin: 'MIN',
  ReduceProd: 'PROD',
  ReduceSumSquare: 'SUMSQ',
  ReduceL1: 'L1',
  ReduceL2: 'L2',
  ReduceLogSum: 'LOGSUM',
  ReduceLogSumExp: 'LOGSUMEXP',
};

/** Export one node (as one or more layers). */
export function exportNode(n: Node, s: LayerSink): void {
  const x = n.inputs[0];
  const one = (type: string, params: [string, ParamValue][] = [], weights: NcnnLayer['weights'] = []): void =>
    s.emit(layer(type, n, s, [s.blob(x!)], params, weights));
  switch (n.op) {
    case 'Conv':
      return conv(n, s);
    case 'ConvTranspose':
      return deconv(n, s);
    case 'MaxPool':
    case 'AveragePool':
    case 'GlobalAveragePool':
    case 'GlobalMaxPool':
      return pool(n, s);
    case 'Gemm':
      return gemm(n, s);
    case 'MatMul':
      return matmul(n, s);
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'Max':
    case 'Min':
    case 'Pow':
      return binary(n, s);
    case 'Relu':
      return one('ReLU');
    case 'LeakyRelu':
      return one('ReLU', [['slope', n.float('alpha', 0.01)]]);
    case 'Sigmoid':
      return one('Sigmoid');
    case 'Tanh':
      return one('TanH');
    case 'Mish':
      return one('Mish');
    case 'HardSigmoid':
      return one('HardSigmoid', [
        ['alpha', n.float('alpha', 0.2)],
        ['beta', n.float('beta', 0.5)],
      ]);
    case 'HardSwish':
      return one('HardSwish', [
        ['alpha', 1 / 6],
        ['beta', 0.5],
      ]);
    case 'Elu':
      return one('ELU', [['alpha', n.float('alpha', 1)]]);
    case 'Clip': {
      const lo = n.inputs[1]
        ? tensorToNumbers(knownValue(n.inputs[1]) ?? fail('Clip min must be constant', 'ncnn/Clip-min-max-const'))[0]!
        : n.float('min', -3.4028234663852886e38);
      const hi = n.inputs[2]
        ? tensorToNumbers(knownValue(n.inputs[2]) ?? fail('Clip max must be constant', 'ncnn/Clip-min-max-const'))[0]!
        : n.float('max', 3.4028234663852886e38);
      return one('Clip', [
        ['min', lo],
        ['max', hi],
      ]);
    }
    case 'PRelu': {
      const sl = n.inputs[1]!;
      if (!isConst(sl)) throw new ExportRefusal('PRelu slope must be constant', 'ncnn/PRelu-slope');
      // ncnn's PReLU has one slope per channel (ONNX axis 1) or a single one
      const sd = dims(sl),
        xd = dims(x);
      const perChannel =
        knownValue(sl)!.count === 1 ||
        (sd.length === xd.length - 1 && sd[0] === xd[1] && sd.slice(1).every((d) => d === 1)) ||
        (sd.length === xd.length && sd[1] === xd[1] && sd.every((d, i) => i === 1 || d === 1));
      if (!perChannel)
        throw new ExportRefusal(
          `PRelu slope [${sd.join(',')}] is not per channel of [${xd.join(',')}] (ncnn's PReLU slopes the channel axis)`,
          'ncnn/PRelu-slope',
        );
      return one('PReLU', [['num_slope', knownValue(sl)!.count]], [{ data: f32(sl), tagged: false }]);
    }
    case 'BatchNormalization': {
      const [sc, b, m, v] = n.inputs.slice(1, 5) as Value[];
      if (![sc, b, m, v].every(isConst))
        throw new ExportRefusal(
          'BatchNormalization parameters must be constant',
          'ncnn/BatchNormalization-params-const',
        );
      return one(
        'BatchNorm',
        [
          ['channels', knownValue(sc!)!.count],
          ['eps', n.float('epsilon', 1e-5)],
        ],
        [sc!, m!, v!, b!].map((t) => ({ data: f32(t), tagged: false })),
      );
    }
    case 'Concat':
      return s.emit(
        layer(
          'Concat',
          n,
          s,
          n.inputs.map((v) => s.blob(v!)),
          [['axis', axis(n.int('axis', 0), dims(n.outputs[0]).length, 'Concat', batchAxisOf(n.outputs[0]))]],
        ),
      );
    case 'Softmax':
      return one('Softmax', [
        ['axis', axis(n.int('axis', -1), dims(x).length, 'Softmax')],
        ['fixbug0', 1],
      ]);
    case 'LogSoftmax': {
      // ncnn has no LogSoftmax layer: Softmax, then UnaryOp LOG
      const soft = s.fresh(`${n.outputs[0]!.name}_softmax`);
      const params = new Map<number, ParamValue>([
        [paramId('Softmax', 'axis'), axis(n.int('axis', -1), dims(x).length, 'LogSoftmax')],
        [paramId('Softmax', 'fixbug0'), 1],
      ]);
      s.emit({ type: 'Softmax', name: s.fresh('softmax'), bottoms: [s.blob(x!)], tops: [soft], params, weights: [] });
      return s.emit(layer('UnaryOp', n, s, [soft], [['op_type', enumValue('UnaryOp', 'op_type', 'LOG')]]));
    }
    case 'LRN':
      return one('LRN', [
        ['region_type', enumValue('LRN', 'region_type', 'ACROSS_CHANNELS')],
        ['local_size', n.int('size', 1)],
        ['alpha', n.float('alpha', 0.0001)],
        ['beta', n.float('beta', 0.75)],
        ['bias', n.float('bias', 1)],
      ]);
    case 'Flatten': {
      if (n.int('axis', 1) !== 1) throw new ExportRefusal('Flatten axis must be 1', 'ncnn/Flatten-axis');
      return one('Flatten');
    }
    case 'Reshape':
    case 'Squeeze':
    case 'Unsqueeze': {
      const l = layer('Reshape', n, s, [s.blob(x!)]);
      l.params = shapeParams('Reshape', dims(n.outputs[0]), `ncnn/${n.op}-batch-axis`);
      return s.emit(l);
    }
    case 'Transpose': {
      const r = dims(x).length;
      const perm = (n.ints('perm') ?? [...Array(r).keys()].reverse()).join(',');
      if (perm === [...Array(r).keys()].join(',')) return one('Noop'); // an identity permutation
      const t = r === 5 ? PERMUTE_4D[perm] : r === 4 ? PERMUTE_3D[perm] : r === 3 ? PERMUTE_2D[perm] : undefined;
      if (t === undefined)
        throw new ExportRefusal(`Transpose perm [${perm}] has no ncnn Permute order type`, 'ncnn/Transpose-permute');
      return one('Permute', [['order_type', t]]);
    }
    case 'Split': {
      const r = dims(x).length;
      const sizes = n.outputs.map((o) => dims(o)[(n.int('axis', 0) + r) % r]!);
      return s.emit({
        type: 'Slice',
        name: n.name || s.fresh('slice'),
        bottoms: [s.blob(x!)],
        tops: n.outputs.map((o) => o!.name),
        params: new Map<number, ParamValue>([
          [paramId('Slice', 'slices'), sizes],
          [paramId('Slice', 'axis'), axis(n.int('axis', 0), r, 'Split')],
        ]),
        weights: [],
      });
    }
    case 'Resize': {
      const mode = n.str('mode', 'nearest'),
        y = dims(n.outputs[0]),
        xi = dims(x);
      if (y.length !== 4 || y[0] !== xi[0] || y[1] !== xi[1])
        throw new ExportRefusal('Resize must keep batch and channels (4-D)', 'ncnn/Resize-rank');
      const type = { nearest: 1, linear: 2, cubic: 3 }[mode];
      if (!type) throw new ExportRefusal(`Resize mode '${mode}'`, 'ncnn/Resize-mode');
      return one('Interp', [
        ['resize_type', type],
        ['output_height', y[2]!],
        ['output_width', y[3]!],
        ['align_corner', n.str('coordinate_transformation_mode', 'half_pixel') === 'align_corners' ? 1 : 0],
      ]);
    }
    case 'Sum': {
      const out = dims(n.outputs[0]);
      if (n.inputs.some((v) => dims(v).join(',') !== out.join(',')))
        throw new ExportRefusal('Sum: ncnn Eltwise needs inputs of the same shape', 'ncnn/Sum-same-shape');
      return s.emit(
        layer(
          'Eltwise',
          n,
          s,
          n.inputs.map((v) => s.blob(v!)),
          [['op_type', enumValue('Eltwise', 'op_type', 'SUM')]],
        ),
      );
    }
    case 'Pad': {
      const r = dims(x).length;
      const pads =
        n.ints('pads') ??
        (n.inputs[1]
          ? tensorToNumbers(knownValue(n.inputs[1]) ?? fail('Pad pads must be constant', 'ncnn/Pad-pads-const'))
          : []);
      const mode = n.str('mode', 'constant');
      if (r !== 4) throw new ExportRefusal('Pad: 4-D inputs only', 'ncnn/Pad-rank');
      if (pads[0] || pads[4]) throw new ExportRefusal('Pad along the batch axis', 'ncnn/Pad-batch-axis');
      const value = n.inputs[2]
        ? (tensorToNumbers(knownValue(n.inputs[2]) ?? fail('Pad value must be constant', 'ncnn/Pad-pads-const'))[0] ??
          0)
        : n.float('value', 0);
      return one('Padding', [
        ['top', pads[2]!],
        ['bottom', pads[6]!],
        ['left', pads[3]!],
        ['right', pads[7]!],
        ['front', pads[1]!],
        ['behind', pads[5]!],
        ['value', value],
        ['type', enumValue('Padding', 'type', mode === 'edge' ? 'edge' : mode === 'reflect' ? 'reflect' : 'constant')],
      ]);
    }
    case 'ReduceMean':
    case 'ReduceSum':
    case 'ReduceMax':
    case 'ReduceMin':
    case 'ReduceProd':
    case 'ReduceSumSquare':
    case 'ReduceL1':
    case 'ReduceL2':
    case 'ReduceLogSum':
    case 'ReduceLogSumExp': {
      const r = dims(x).length;
      const axes =
        n.ints('axes') ??
        (n.inputs[1]
          ? tensorToNumbers(knownValue(n.inputs[1]) ?? fail('Reduce axes must be constant', `ncnn/${n.op}-axes-const`))
          : [...Array(r).keys()]);
      return one('Reduction', [
        ['operation', enumValue('Reduction', 'operation', REDUCTION[n.op]!)],
        ['reduce_all', 0],
        ['coeff', 1],
        ['axes', axes.map((a) => axis(a, r, n.op))],
        ['keepdims', n.int('keepdims', 1)],
        ['fixbug0', 1],
      ]);
    }
    case 'Slice': {
      const r = dims(x).length;
      const num = (i: number): number[] | null =>
        n.inputs[i]
          ? tensorToNumbers(
              knownValue(n.inputs[i]) ?? fail('Slice parameters must be constant', 'ncnn/Slice-params-const'),
            )
          : null;
      const xs = dims(x);
      const starts = num(1)!,
        ends = num(2)!,
        axes = (num(3) ?? starts.map((_, i) => i)).map((a) => (a < 0 ? a + r : a)),
        steps = num(4);
      if (steps && steps.some((v) => v !== 1))
        throw new ExportRefusal('Slice with steps other than 1', 'ncnn/Slice-steps');
      const big = 2 ** 31 - 1;
      // axes sliced over their whole range (TFLite's StridedSlice lists every axis) are not cropped
      const keep = axes.map((a, i) => !(starts[i] === 0 && ends[i]! >= xs[a]!));
      const pick = <T>(arr: T[]): T[] => arr.filter((_, i) => keep[i]);
      return one('Crop', [
        ['starts', pick(starts).map((v) => Math.max(-big, Math.min(v, big)))],
        ['ends', pick(ends).map((v) => Math.max(-big, Math.min(v, big)))],
        ['axes', pick(axes).map((a) => axis(a, r, 'Slice'))],
      ]);
    }
    case 'LayerNormalization':
      return layerNorm(n, s);
    case 'Erf':
      return one('Erf');
    case 'LSTM':
    case 'GRU':
    case 'RNN':
      return recurrent(n, s);
    case 'Gelu':
      return one('GELU', [['fast_gelu', n.str('approximate', 'none') === 'tanh' ? 1 : 0]]);
    case 'Gather':
      return gatherConstant(n, s);
    case 'DepthToSpace':
      return one('PixelShuffle', [
        ['upscale_factor', n.int('blocksize', 1)],
        ['mode', n.str('mode', 'DCR') === 'CRD' ? 0 : 1],
      ]);
    default:
      if (exportMore(n, s)) return;
      if (UNARY[n.op]) return one('UnaryOp', [['op_type', enumValue('UnaryOp', 'op_type', UNARY[n.op]!)]]);
      throw new ExportRefusal(`no ncnn layer for ${n.domain ? n.domain + '.' : ''}${n.op}`, 'ncnn/op-unsupported');
  }
}
function fail(message: string, ruleId: string): never {
  throw new ExportRefusal(message, ruleId);
}
