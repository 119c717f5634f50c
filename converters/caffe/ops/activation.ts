/** Elementwise activations and math layers: ReLU (negative_slope), ReLU6, PReLU, Sigmoid, TanH, AbsVal, ELU, BNLL, Power, Log, Exp, Threshold, Clip, Swish. */
import type { Value } from '../../../src/ir/value.js';
import { attr, type Attrs } from '../../../src/ir/attr.js';
import { channelDims, param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

const unary =
  (op: string, attrs: (c: LayerCtx) => Attrs = () => new Map()) =>
  (c: LayerCtx): Value[] =>
    c.node(op, [c.inputs[0]!], attrs(c));

const scalar = (c: LayerCtx, name: string, v: number): Value => c.constant(name, 'float32', [], [v]);

function relu(c: LayerCtx): Value[] {
  const slope = param(c, 'relu_param').num('negative_slope') ?? 0;
  if (!slope) return c.node('Relu', [c.inputs[0]!]);
  return c.node('LeakyRelu', [c.inputs[0]!], new Map([['alpha', attr.float(slope)]]));
}

function prelu(c: LayerCtx): Value[] {
  const shared = param(c, 'prelu_param').bool('channel_shared') ?? false;
  const ch = c.shape(c.inputs[0]!)?.[1] ?? 0;
  return c.node('PRelu', [c.inputs[0]!, c.weight(0, shared ? [1] : channelDims(c, ch), 'slope')]);
}

/** shift + scale·x, skipping the identity parts. */
function affine(c: LayerCtx, x: Value, scale: number, shift: number): Value {
  let y = x;
  if (scale !== 1) y = c.node('Mul', [y, scalar(c, 'scale', scale)])[0]!;
  if (shift !== 0) y = c.node('Add', [y, scalar(c, 'shift', shift)])[0]!;
  return y;
}

/** Power: y = (shift + scale·x)^power. */
function power(c: LayerCtx): Value[] {
  const p = param(c, 'power_param');
  const exponent = p.num('power') ?? 1;
  let y = affine(c, c.inputs[0]!, p.num('scale') ?? 1, p.num('shift') ?? 0);
  if (exponent !== 1) y = c.node('Pow', [y, scalar(c, 'power', exponent)])[0]!;
  return y === c.inputs[0] ? c.node('Identity', [y]) : [y];
}

/** Log/Exp with base (−1 = e), scale, shift: y = log_base(shift + scale·x), y = base^(shift + scale·x). */
function logExp(c: LayerCtx, kind: 'Log' | 'Exp'): Value[] {
  const p = param(c, kind === 'Log' ? 'log_param' : 'exp_param');
  const base = p.num('base') ?? -1;
  const ln = base === -1 ? 1 : Math.log(base);
  const y = affine(c, c.inputs[0]!, p.num('scale') ?? 1, p.num('shift') ?? 0);
  if (kind === 'Exp') return c.node('Exp', [ln === 1 ? y : c.node('Mul', [y, scalar(c, 'ln_base', ln)])[0]!]);
  const log = c.node('Log', [y])[0]!;
  return ln === 1 ? [log] : c.node('Div', [log, scalar(c, 'ln_base', ln)]);
}

/** Threshold: 1 where x > threshold, else 0. */
function threshold(c: LayerCtx): Value[] {
  const t = param(c, 'threshold_param').num('threshold') ?? 0;
  const above = c.node('Greater', [c.inputs[0]!, scalar(c, 'threshold', t)])[0]!;
  return c.node('Cast', [above], new Map([['to', attr.int(1)]]));
}

function clip(c: LayerCtx): Value[] {
  const p = param(c, 'clip_param');
  return c.node('Clip', [c.inputs[0]!, scalar(c, 'min', p.num('min') ?? 0), scalar(c, 'max', p.num('max') ?? 0)]);
}

/** Swish: x·sigmoid(β·x). */
function swish(c: LayerCtx): Value[] {
  const beta = param(c, 'swish_param').num('beta') ?? 1;
  const x = c.inputs[0]!;
  const arg = beta === 1 ? x : c.node('Mul', [x, scalar(c, 'beta', beta)])[0]!;
  return c.node('Mul', [x, c.node('Sigmoid', [arg])[0]!]);
}

export const ACTIVATION_OPS: CaffeLayerOp[] = [
  { types: ['ReLU'], import: relu },
  { types: ['ReLU6'], import: (c) => c.node('Clip', [c.inputs[0]!, scalar(c, 'min', 0), scalar(c, 'max', 6)]) },
  { types: ['PReLU'], import: prelu },
  { types: ['Sigmoid'], import: unary('Sigmoid') },
  { types: ['TanH'], import: unary('Tanh') },
  { types: ['AbsVal'], import: unary('Abs') },
  {
    types: ['ELU'],
    import: unary('Elu', (c) => new Map([['alpha', attr.float(param(c, 'elu_param').num('alpha') ?? 1)]])),
  },
  { types: ['BNLL'], import: unary('Softplus') },
  { types: ['Power'], import: power },
  { types: ['Log'], import: (c) => logExp(c, 'Log') },
  { types: ['Exp'], import: (c) => logExp(c, 'Exp') },
  { types: ['Threshold'], import: threshold },
  { types: ['Clip'], import: clip },
  { types: ['Swish'], import: swish },
];
