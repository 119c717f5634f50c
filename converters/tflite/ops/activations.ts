/** Activations with parameters: RELU6, RELU_N1_TO_1, LEAKY_RELU, PRELU, GELU, SOFTMAX. */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { Tensor } from '../../../src/ir/tensor.js';
import type { OpCtx, TfliteOpTable } from './op-context.js';
import { opt } from './options.js';
import { nchw, nhwc } from './layout.js';

function clip(c: OpCtx, lo: number, hi: number): Value[] {
  return c.node('Clip', [c.input(0), c.constant('min', 'float32', [], [lo]), c.constant('max', 'float32', [], [hi])]);
}

/**
 * alpha [1,1,C] (or [C]) slopes the NHWC channel axis: run it in NCHW with alpha [C,1,1] so the layout
 * transposes around it cancel and per-channel PReLU runtimes (ncnn, NPUs) see it as such.
 */
function prelu(c: OpCtx): Value[] {
  const x = c.shapeOf(0),
    a = c.constData(1);
  const ch = x[3];
  if (x.length === 4 && a && a.count === ch && a.dims.slice(0, -1).every((d) => d === 1)) {
    const slope = c.weight(1, (t) => Tensor.fromBytes(t.dtype, [ch, 1, 1], t.bytes(), t.quant));
    return [nhwc(c, c.node('PRelu', [nchw(c, c.input(0)!), slope])[0]!)];
  }
  return c.node('PRelu', [c.input(0), c.input(1)]);
}

/** GELU written out (ONNX's Gelu needs opset 20): ½·x·(1 + erf(x/√2)), or with `approximate` the tanh form. */
function gelu(c: OpCtx): Value {
  const x = c.input(0)!,
    k = (name: string, v: number): Value => c.constant(name, 'float32', [], [v]);
  let inner: Value;
  if (opt(c, 'approximate')) {
    const cube = c.node('Mul', [c.node('Mul', [x, x])[0]!, x])[0]!;
    const poly = c.node('Add', [x, c.node('Mul', [cube, k('c', 0.044715)])[0]!])[0]!;
    inner = c.node('Tanh', [c.node('Mul', [poly, k('sqrt_2_over_pi', Math.sqrt(2 / Math.PI))])[0]!])[0]!;
  } else inner = c.node('Erf', [c.node('Div', [x, k('sqrt2', Math.SQRT2)])[0]!])[0]!;
  const onePlus = c.node('Add', [inner, k('one', 1)])[0]!;
  return c.node('Mul', [c.node('Mul', [x, onePlus])[0]!, k('half', 0.5)])[0]!;
}

function softmax(c: OpCtx): Value[] {
  const beta = c.op.options?.float(0, 1) ?? 1;
  const x = beta === 1 ? c.input(0)! : c.node('Mul', [c.input(0), c.constant('beta', 'float32', [], [beta])])[0]!;
  return c.node('Softmax', [x], new Map([['axis', attr.int(-1)]]));
}

export const activationOps: TfliteOpTable = {
  RELU6: (c) => clip(c, 0, 6),
  RELU_N1_TO_1: (c) => clip(c, -1, 1),
  LEAKY_RELU: (c) =>
    c.node('LeakyRelu', [c.input(0)], new Map([['alpha', attr.float(c.op.options?.float(0, 0.2) ?? 0.2)]])),
  PRELU: prelu,
  GELU: (c) => [gelu(c)],
  SOFTMAX: softmax,
};
