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
import { attentionToOnnx } from './import-attention.js';
import { recurrentToOnnx } from './import-recurrent.js';
import { ncnnTable, paramId, PERMUTE_2D, PERMUTE_3D, PERMUTE_4D } from './ncnn-table.js';

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
    switch (l.type) {
      case 'Input': {
        const v = g.value(l.tops[0]!);
        v.dtype = 'float32';
        v.shape = shapeOf(l);
        g.inputs.push(v);
        set(v);
        break;
      }
      case 'MemoryData': {
        const s = shapeOf(l);
        set(
          konst(
            l.tops[0]!,
            'float32',
            s,
            weights(
              l,
              s.reduce((a, b) => a * b, 1),
              false,
            ),
          ),
        );
        break;
      }
      case 'Split':
        l.tops.forEach((t) => blobs.set(t, x));
        break;
      case 'Noop':
        set(x);
        break;
      case 'Convolution':
      case 'ConvolutionDepthWise': {
        const nout = P(l, 'num_output', 0),
          kw = P(l, 'kernel_w', 0),
          kh = P(l, 'kernel_h', kw),
          group = l.type === 'Convolution' ? 1 : P(l, 'group', 1);
        const size = P(l, 'weight_data_size', 0);
        const w = konst(`${l.name}/weight`, 'float32', [nout, size / (nout * kh * kw), kh, kw], weights(l, size, true));
        const b = P(l, 'bias_term', 0) ? konst(`${l.name}/bias`, 'float32', [nout], weights(l, nout, false)) : null;
        const pl = P(l, 'pad_left', 0),
          pr = P(l, 'pad_right', pl),
          pt = P(l, 'pad_top', pl),
          pb = P(l, 'pad_bottom', pt);
        const sw = P(l, 'stride_w', 1),
          dw = P(l, 'dilation_w', 1);
        set(
          node(
            'Conv',
            [x, w, b],
            new Map([
              ['kernel_shape', attr.ints([kh, kw])],
              ['strides', attr.ints([P(l, 'stride_h', sw), sw])],
              ['dilations', attr.ints([P(l, 'dilation_h', dw), dw])],
              ['pads', attr.ints([pt, pl, pb, pr])],
              ['group', attr.int(group)],
            ]),
          ),
        );
        break;
      }
      case 'Deconvolution':
      case 'DeconvolutionDepthWise': {
        const nout = P(l, 'num_output', 0),
          kw = P(l, 'kernel_w', 0),
          kh = P(l, 'kernel_h', kw),
          size = P(l, 'weight_data_size', 0),
          k = kh * kw;
        const group = l.type === 'Deconvolution' ? 1 : P(l, 'group', 1),
          coutG = nout / group;
        const cin = size / (coutG * k),
          cinG = cin / group;
        if (!Number.isInteger(cinG) || !Number.isInteger(coutG))
          throw new InputError(
            file,
            `layer ${l.name}: weight_data_size ${size} does not fit num_output ${nout}, group ${group}, kernel ${kh}×${kw}`,
          );
        // ncnn per group [Cout/group, Cin/group, kh, kw] → ONNX [Cin, Cout/group, kh, kw]
        const src = weights(l, size, true),
          dst = new Float32Array(size);
        for (let g = 0; g < group; g++)
          for (let o = 0; o < coutG; o++)
            for (let i = 0; i < cinG; i++) {
              const from = ((g * coutG + o) * cinG + i) * k;
              dst.set(src.subarray(from, from + k), ((g * cinG + i) * coutG + o) * k);
            }
        const w = konst(`${l.name}/weight`, 'float32', [cin, coutG, kh, kw], dst);
        const b = P(l, 'bias_term', 0) ? konst(`${l.name}/bias`, 'float32', [nout], weights(l, nout, false)) : null;
        const pl = P(l, 'pad_left', 0),
          pr = P(l, 'pad_right', pl),
          pt = P(l, 'pad_top', pl),
          pb = P(l, 'pad_bottom', pt),
          sw = P(l, 'stride_w', 1),
          dw = P(l, 'dilation_w', 1);
        const opw = P(l, 'output_pad_right', 0);
        set(
          node(
            'ConvTranspose',
            [x, w, b],
            new Map([
              ['kernel_shape', attr.ints([kh, kw])],
              ['strides', attr.ints([P(l, 'stride_h', sw), sw])],
              ['dilations', attr.ints([P(l, 'dilation_h', dw), dw])],
              ['pads', attr.ints([pt, pl, pb, pr])],
              ['output_padding', attr.ints([P(l, 'output_pad_bottom', opw), opw])],
              ['group', attr.int(group)],
            ]),
          ),
        );
        break;
      }
      case 'Embed': {
        // ncnn reads the ids blob as int32 and clamps each id into the table
        if (!g.inputs.includes(x))
          throw new InputError(
            file,
            `layer ${l.name}: Embed ids computed by another layer (ncnn reinterprets their float bits) are not read by convcheck`,
          );
        x.dtype = 'int32';
        const d = P(l, 'num_output', 0),
          v = P(l, 'input_dim', 0);
        if (P(l, 'weight_data_size', 0) !== v * d)
          throw new InputError(
            file,
            `layer ${l.name}: Embed weight_data_size ${P(l, 'weight_data_size', 0)} is not input_dim ${v} × num_output ${d}`,
          );
        const table = konst(`${l.name}/weight`, 'float32', [v, d], weights(l, v * d, true));
        const ids = node(
          'Clip',
          [x, konst(`${l.name}/min`, 'int32', [], [0]), konst(`${l.name}/max`, 'int32', [], [v - 1])],
          new Map(),
          `${l.tops[0]}/ids`,
        );
        const rows = node(
          'Gather',
          [table, ids],
          new Map([['axis', attr.int(0)]]),
          P(l, 'bias_term', 0) ? `${l.tops[0]}/rows` : l.tops[0],
        );
        if (P(l, 'bias_term', 0))
          set(node('Add', [rows, konst(`${l.name}/bias`, 'float32', [d], weights(l, d, false))]));
        else set(rows);
        break;
      }
      case 'Pooling': {
        const max = P(l, 'pooling_type', 0) === 0;
        if (P(l, 'global_pooling', 0)) {
          set(
            node(
              'Flatten',
              [node(max ? 'GlobalMaxPool' : 'GlobalAveragePool', [x], new Map(), `${l.tops[0]}/pooled`)],
              new Map([['axis', attr.int(1)]]),
            ),
          );
          break;
        }
        if (P(l, 'pad_mode', 0) !== 1)
          throw new InputError(
            file,
            `layer ${l.name}: Pooling pad_mode ${P(l, 'pad_mode', 0)} is not read by convcheck (1 = explicit pads)`,
          );
        const kw = P(l, 'kernel_w', 0),
          kh = P(l, 'kernel_h', kw),
          sw = P(l, 'stride_w', 1),
          pl = P(l, 'pad_left', 0),
          pr = P(l, 'pad_right', pl),
          pt = P(l, 'pad_top', pl),
          pb = P(l, 'pad_bottom', pt);
        const a: Attrs = new Map([
          ['kernel_shape', attr.ints([kh, kw])],
          ['strides', attr.ints([P(l, 'stride_h', sw), sw])],
          ['pads', attr.ints([pt, pl, pb, pr])],
        ]);
        if (!max) a.set('count_include_pad', attr.int(P(l, 'avgpool_count_include_pad', 0)));
        set(node(max ? 'MaxPool' : 'AveragePool', [x], a));
        break;
      }
      case 'InnerProduct': {
        const nout = P(l, 'num_output', 0),
          size = P(l, 'weight_data_size', 0);
        const w = weights(l, size, true),
          b = P(l, 'bias_term', 0) ? weights(l, nout, false) : null;
        const r = shape(x).length;
        if (r === 3) {
          const wt = new Float32Array(size),
            k = size / nout;
          for (let o = 0; o < nout; o++) for (let i = 0; i < k; i++) wt[i * nout + o] = w[o * k + i]!;
          const y = node(
            'MatMul',
            [x, konst(`${l.name}/weight`, 'float32', [k, nout], wt)],
            new Map(),
            b ? `${l.tops[0]}/matmul` : l.tops[0],
          );
          set(b ? node('Add', [y, konst(`${l.name}/bias`, 'float32', [nout], b)]) : y);
        } else {
          const a = r === 2 ? x : node('Flatten', [x], new Map([['axis', attr.int(1)]]), `${l.tops[0]}/flat`);
          set(
            node(
              'Gemm',
              [
                a,
                konst(`${l.name}/weight`, 'float32', [nout, size / nout], w),
                b ? konst(`${l.name}/bias`, 'float32', [nout], b) : null,
              ],
              new Map([['transB', attr.int(1)]]),
            ),
          );
        }
        break;
      }
      case 'BinaryOp': {
        const ops = Object.fromEntries(
          Object.entries(ncnnTable().layers.BinaryOp!.enums!.op_type!).map(([k, v]) => [v, k]),
        );
        const op = (
          { ADD: 'Add', SUB: 'Sub', MUL: 'Mul', DIV: 'Div', MAX: 'Max', MIN: 'Min', POW: 'Pow' } as Record<
            string,
            string
          >
        )[ops[P(l, 'op_type', 0)]!];
        if (!op)
          throw new InputError(file, `layer ${l.name}: BinaryOp type ${P(l, 'op_type', 0)} is not read by convcheck`);
        const b = P(l, 'with_scalar', 0) ? konst(`${l.name}/b`, 'float32', [], [P(l, 'b', 0)]) : ins[1]!;
        set(node(op, [x, b]));
        break;
      }
      case 'UnaryOp': {
        const ops = Object.fromEntries(
          Object.entries(ncnnTable().layers.UnaryOp!.enums!.op_type!).map(([k, v]) => [v, k]),
        );
        const op = (
          {
            ABS: 'Abs',
            NEG: 'Neg',
            FLOOR: 'Floor',
            CEIL: 'Ceil',
            SQRT: 'Sqrt',
            EXP: 'Exp',
            LOG: 'Log',
            SIN: 'Sin',
            COS: 'Cos',
            TAN: 'Tan',
            RECIPROCAL: 'Reciprocal',
            TANH: 'Tanh',
          } as Record<string, string>
        )[ops[P(l, 'op_type', 0)]!];
        if (ops[P(l, 'op_type', 0)] === 'SQUARE') {
          set(node('Mul', [x, x]));
          break;
        }
        if (!op)
          throw new InputError(file, `layer ${l.name}: UnaryOp type ${P(l, 'op_type', 0)} is not read by convcheck`);
        set(node(op, [x]));
        break;
      }
      case 'ReLU': {
        const s = P(l, 'slope', 0);
        set(s ? node('LeakyRelu', [x], new Map([['alpha', attr.float(s)]])) : node('Relu', [x]));
        break;
      }
      case 'Clip':
        set(
          node('Clip', [
            x,
            konst(`${l.name}/min`, 'float32', [], [P(l, 'min', -3.4e38)]),
            konst(`${l.name}/max`, 'float32', [], [P(l, 'max', 3.4e38)]),
          ]),
        );
        break;
      case 'Sigmoid':
        set(node('Sigmoid', [x]));
        break;
      case 'TanH':
        set(node('Tanh', [x]));
        break;
      case 'Mish':
        set(node('Mish', [x]));
        break;
      case 'HardSigmoid':
        set(
          node(
            'HardSigmoid',
            [x],
            new Map([
              ['alpha', attr.float(P(l, 'alpha', 0.2))],
              ['beta', attr.float(P(l, 'beta', 0.5))],
            ]),
          ),
        );
        break;
      case 'HardSwish': {
        const a = P(l, 'alpha', 0.2),
          b = P(l, 'beta', 0.5);
        set(
          node('Mul', [
            x,
            node(
              'HardSigmoid',
              [x],
              new Map([
                ['alpha', attr.float(a)],
                ['beta', attr.float(b)],
              ]),
              `${l.tops[0]}/hardsigmoid`,
            ),
          ]),
        );
        break;
      }
      case 'ELU':
        set(node('Elu', [x], new Map([['alpha', attr.float(P(l, 'alpha', 0.1))]])));
        break;
      case 'PReLU': {
        const n = P(l, 'num_slope', 0),
          s = weights(l, n, false);
        const r = shape(x).length;
        set(
          node('PRelu', [
            x,
            konst(
              `${l.name}/slope`,
              'float32',
              n === 1 ? [1] : [n, ...new Array<number>(Math.max(0, r - 2)).fill(1)],
              s,
            ),
          ]),
        );
        break;
      }
      case 'BatchNorm': {
        const c = P(l, 'channels', 0);
        const [sl, m, v, b] = [0, 1, 2, 3].map(() => weights(l, c, false));
        set(
          node(
            'BatchNormalization',
            [
              x,
              konst(`${l.name}/scale`, 'float32', [c], sl!),
              konst(`${l.name}/bias`, 'float32', [c], b!),
              konst(`${l.name}/mean`, 'float32', [c], m!),
              konst(`${l.name}/var`, 'float32', [c], v!),
            ],
            new Map([['epsilon', attr.float(P(l, 'eps', 0))]]),
          ),
        );
        break;
      }
      case 'Concat':
        set(node('Concat', ins, new Map([['axis', attr.int(P(l, 'axis', 0) + 1)]])));
        break;
      case 'Softmax':
        set(node('Softmax', [x], new Map([['axis', attr.int(P(l, 'axis', 0) + 1)]])));
        break;
      case 'Flatten':
        set(node('Flatten', [x], new Map([['axis', attr.int(1)]])));
        break;
      case 'Reshape': {
        const s = shapeOf(l);
        set(node('Reshape', [x, konst(`${l.name}/shape`, 'int64', [s.length], s)]));
        break;
      }
      case 'Permute': {
        const r = shape(x).length,
          t = P(l, 'order_type', 0);
        const table = r === 5 ? PERMUTE_4D : r === 4 ? PERMUTE_3D : PERMUTE_2D;
        const perm = Object.entries(table).find(([, v]) => v === t)?.[0];
        if (!perm)
          throw new InputError(
            file,
            `layer ${l.name}: Permute order_type ${t} on a rank-${r} blob is not read by convcheck`,
          );
        set(node('Transpose', [x], new Map([['perm', attr.ints(perm.split(',').map(Number))]])));
        break;
      }
      case 'Slice': {
        const sizes = A(l, 'slices'),
          ax = P(l, 'axis', 0) + 1;
        const outs = l.tops.map((t) => g.newValue(t));
        g.addNode({
          op: 'Split',
          name: g.uniqueNodeName(l.name),
          inputs: [x, konst(`${l.name}/split`, 'int64', [sizes.length], sizes)],
          outputs: outs,
          attrs: new Map([['axis', attr.int(ax)]]),
          origin: { format: 'ncnn', name: l.name, type: l.type },
        });
        l.tops.forEach((t, i) => blobs.set(t, outs[i]!));
        break;
      }
      case 'Interp': {
        const s = shape(x);
        const mode =
          ({ 1: 'nearest', 2: 'linear', 3: 'cubic' } as Record<number, string>)[P(l, 'resize_type', 0)] ?? 'nearest';
        const oh = P(l, 'output_height', 0),
          ow = P(l, 'output_width', 0);
        const sizes =
          oh && ow
            ? [s[0]!, s[1]!, oh, ow]
            : [s[0]!, s[1]!, Math.floor(s[2]! * P(l, 'height_scale', 1)), Math.floor(s[3]! * P(l, 'width_scale', 1))];
        const ctm = P(l, 'align_corner', 0) ? 'align_corners' : mode === 'nearest' ? 'asymmetric' : 'half_pixel';
        const a: Attrs = new Map([
          ['mode', attr.string(mode)],
          ['coordinate_transformation_mode', attr.string(ctm)],
        ]);
        if (mode === 'nearest') a.set('nearest_mode', attr.string('floor'));
        set(node('Resize', [x, null, null, konst(`${l.name}/sizes`, 'int64', [4], sizes)], a));
        break;
      }
      case 'Eltwise': {
        const t = P(l, 'op_type', 1);
        if (t !== 1 || A(l, 'coeffs').some((c) => c !== 1))
          throw new InputError(file, `layer ${l.name}: Eltwise op ${t} with coefficients is not read by convcheck`);
        set(node('Sum', ins));
        break;
      }
      case 'Padding': {
        const pads = [
          0,
          P(l, 'front', 0),
          P(l, 'top', 0),
          P(l, 'left', 0),
          0,
          P(l, 'behind', 0),
          P(l, 'bottom', 0),
          P(l, 'right', 0),
        ];
        const mode = (['constant', 'edge', 'reflect'] as const)[P(l, 'type', 0)] ?? 'constant';
        set(
          node(
            'Pad',
            [
              x,
              konst(`${l.name}/pads`, 'int64', [8], pads),
              konst(`${l.name}/value`, 'float32', [], [P(l, 'value', 0)]),
            ],
            new Map([['mode', attr.string(mode)]]),
          ),
        );
        break;
      }
      case 'Reduction': {
        const ops = Object.fromEntries(
          Object.entries(ncnnTable().layers.Reduction!.enums!.operation!).map(([k, v]) => [v, k]),
        );
        const op = (
          { SUM: 'ReduceSum', MEAN: 'ReduceMean', MAX: 'ReduceMax', MIN: 'ReduceMin', PROD: 'ReduceProd' } as Record<
            string,
            string
          >
        )[ops[P(l, 'operation', 0)]!];
        if (!op)
          throw new InputError(
            file,
            `layer ${l.name}: Reduction operation ${P(l, 'operation', 0)} is not read by convcheck`,
          );
        set(
          node(
            op,
            [x],
            new Map([
              ['axes', attr.ints(A(l, 'axes').map((a) => a + 1))],
              ['keepdims', attr.int(P(l, 'keepdims', 0))],
            ]),
          ),
        );
        break;
      }
      case 'Crop': {
        const st = A(l, 'starts'),
          en = A(l, 'ends'),
          ax = A(l, 'axes').map((a) => a + 1);
        if (!st.length)
          throw new InputError(
            file,
            `layer ${l.name}: Crop with offsets (not starts/ends arrays) is not read by convcheck`,
          );
        set(
          node('Slice', [
            x,
            konst(`${l.name}/starts`, 'int64', [st.length], st),
            konst(`${l.name}/ends`, 'int64', [en.length], en),
            konst(`${l.name}/axes`, 'int64', [ax.length], ax),
          ]),
        );
        break;
      }
      case 'ShuffleChannel': {
        const s = shape(x),
          gsz = P(l, 'group', 1);
        const a = node(
          'Reshape',
          [x, konst(`${l.name}/shape5`, 'int64', [5], [s[0]!, gsz, s[1]! / gsz, s[2]!, s[3]!])],
          new Map(),
          `${l.tops[0]}/r1`,
        );
        const t = node('Transpose', [a], new Map([['perm', attr.ints([0, 2, 1, 3, 4])]]), `${l.tops[0]}/t`);
        set(node('Reshape', [t, konst(`${l.name}/shape4`, 'int64', [4], s)]));
        break;
      }
      case 'Erf':
        set(node('Erf', [x]));
        break;
      case 'Softplus':
        set(node('Softplus', [x]));
        break;
      case 'SELU':
        set(
          node(
            'Selu',
            [x],
            new Map([
              ['alpha', attr.float(P(l, 'alpha', 1.67326324))],
              ['gamma', attr.float(P(l, 'lambda', 1.050700987))],
            ]),
          ),
        );
        break;
      case 'InstanceNorm':
      case 'GroupNorm': {
        const c = P(l, 'channels', 0),
          gamma = weights(l, c, false),
          beta = weights(l, c, false),
          eps = attr.float(P(l, 'eps', 0.001));
        if (l.type === 'InstanceNorm') {
          set(
            node(
              'InstanceNormalization',
              [x, konst(`${l.name}/gamma`, 'float32', [c], gamma), konst(`${l.name}/beta`, 'float32', [c], beta)],
              new Map([['epsilon', eps]]),
            ),
          );
          break;
        }
        // GroupNorm = InstanceNormalization over [1, G, rest] (no affine), back to x's shape, per-channel affine
        const G = P(l, 'group', 1),
          xs = shape(x),
          rest = xs.slice(2);
        const grouped = node(
          'Reshape',
          [x, konst(`${l.name}/grouped`, 'int64', [3], [1, G, -1])],
          new Map(),
          `${l.tops[0]}/grouped`,
        );
        const normed = node(
          'InstanceNormalization',
          [
            grouped,
            konst(`${l.name}/ones`, 'float32', [G], new Array<number>(G).fill(1)),
            konst(`${l.name}/zeros`, 'float32', [G], new Array<number>(G).fill(0)),
          ],
          new Map([['epsilon', eps]]),
          `${l.tops[0]}/normed`,
        );
        const back = node(
          'Reshape',
          [normed, konst(`${l.name}/shape`, 'int64', [xs.length], xs)],
          new Map(),
          `${l.tops[0]}/back`,
        );
        const scaled = node(
          'Mul',
          [back, konst(`${l.name}/gamma`, 'float32', [c, ...rest.map(() => 1)], gamma)],
          new Map(),
          `${l.tops[0]}/scaled`,
        );
        set(node('Add', [scaled, konst(`${l.name}/beta`, 'float32', [c, ...rest.map(() => 1)], beta)]));
        break;
      }
      case 'Tile': {
        const reps = A(l, 'repeats');
        if (!reps.length)
          throw new InputError(file, `layer ${l.name}: Tile with axis/tiles (not repeats) is not read by convcheck`);
        set(node('Tile', [x, konst(`${l.name}/repeats`, 'int64', [reps.length + 1], [1, ...reps])]));
        break;
      }
      case 'Reorg': {
        if (P(l, 'mode', 0) !== 1)
          throw new InputError(file, `layer ${l.name}: Reorg mode 0 (darknet order) is not read by convcheck`);
        set(node('SpaceToDepth', [x], new Map([['blocksize', attr.int(P(l, 'stride', 1))]])));
        break;
      }
      case 'LSTM':
      case 'GRU':
      case 'RNN': {
        const s = shape(x),
          H = P(l, 'num_output', 0),
          dir = P(l, 'direction', 0),
          D = dir === 2 ? 2 : 1,
          G = l.type === 'LSTM' ? 4 : l.type === 'GRU' ? 3 : 1;
        const size = P(l, 'weight_data_size', 0),
          F = size / (D * G * H);
        if (s.length !== 3 || s[2] !== F || l.tops.length !== 1)
          throw new InputError(
            file,
            `layer ${l.name}: ${l.type} on a blob [${s.join(',')}] (input size ${F}) is not read by convcheck`,
          );
        const w = [size, D * (l.type === 'GRU' ? 4 : G) * H, D * G * H * H].map((c) => weights(l, c, true));
        set(
          recurrentToOnnx(
            { node: (op, i, a, o) => node(op, i, a, o), konst },
            l.type,
            l.name,
            l.tops[0]!,
            x,
            s[1]!,
            F,
            H,
            dir,
            w,
          ),
        );
        break;
      }
      case 'MatMul': {
        if (P(l, 'transB', 0)) throw new InputError(file, `layer ${l.name}: MatMul transB is not read by convcheck`);
        set(node('MatMul', [x, ins[1]!]));
        break;
      }
      case 'GELU': {
        if (P(l, 'fast_gelu', 0))
          throw new InputError(file, `layer ${l.name}: GELU fast_gelu (tanh form) is not read by convcheck`);
        const h = node(
          'Mul',
          [x, konst(`${l.name}/inv_sqrt2`, 'float32', [], [Math.SQRT1_2])],
          new Map(),
          `${l.tops[0]}/scaled`,
        );
        const e = node(
          'Add',
          [node('Erf', [h], new Map(), `${l.tops[0]}/erf`), konst(`${l.name}/one`, 'float32', [], [1])],
          new Map(),
          `${l.tops[0]}/erf1`,
        );
        set(
          node('Mul', [
            node('Mul', [x, e], new Map(), `${l.tops[0]}/xe`),
            konst(`${l.name}/half`, 'float32', [], [0.5]),
          ]),
        );
        break;
      }
      case 'LayerNorm': {
        const size = P(l, 'affine_size', 0),
          s = shape(x);
        let axis = s.length,
          n = 1;
        while (axis > 1 && n < size) n *= s[--axis]!;
        if (n !== size)
          throw new InputError(
            file,
            `layer ${l.name}: LayerNorm affine_size ${size} does not cover trailing axes of [${s.join(',')}]`,
          );
        const gamma = weights(l, size, false),
          beta = weights(l, size, false);
        set(
          node(
            'LayerNormalization',
            [
              x,
              konst(`${l.name}/gamma`, 'float32', s.slice(axis), gamma),
              konst(`${l.name}/beta`, 'float32', s.slice(axis), beta),
            ],
            new Map([
              ['axis', attr.int(axis)],
              ['epsilon', attr.float(P(l, 'eps', 0.001))],
            ]),
          ),
        );
        model.opsets.set('', 17);
        break;
      }
      case 'MultiHeadAttention': {
        const E = P(l, 'embed_dim', 0),
          H = P(l, 'num_heads', 1),
          s = shape(x);
        if (l.bottoms.length !== 1 || P(l, 'weight_data_size', 0) !== E * E || s.length !== 3)
          throw new InputError(
            file,
            `layer ${l.name}: only self-attention MultiHeadAttention on a [T,E] blob is read by convcheck`,
          );
        const w = [E * E, E, E * E, E, E * E, E, E * E, E].map((c, i) => weights(l, c, i % 2 === 0));
        const scaleV = l.params.get(paramId('MultiHeadAttention', 'scale'));
        set(
          attentionToOnnx(
            { node: (op, i, a, o) => node(op, i, a, o), konst },
            l.name,
            l.tops[0]!,
            x,
            s[1]!,
            E,
            H,
            typeof scaleV === 'number' ? scaleV : 1 / Math.sqrt(E / H),
            w,
          ),
        );
        break;
      }
      case 'PixelShuffle':
        set(
          node(
            'DepthToSpace',
            [x],
            new Map([
              ['blocksize', attr.int(P(l, 'upscale_factor', 1))],
              ['mode', attr.string(P(l, 'mode', 0) ? 'DCR' : 'CRD')],
            ]),
          ),
        );
        break;
      default: {
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
    }
  }
  for (const [b, v] of blobs)
    if (!consumed.has(b) && !g.inputs.includes(v) && !g.outputs.includes(v)) g.outputs.push(v);
  inferShapes(model);
  return model;
}
