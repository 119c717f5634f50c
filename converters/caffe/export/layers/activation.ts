/**
 * Element-wise activations: ReLU family, PReLU, Sigmoid, TanH, ELU, AbsVal, Exp, Log, BNLL (softplus),
 * Power (Sqrt, Reciprocal, Neg, Pow by a constant), Clip (ReLU6, ReLU, or ReLU6 between two Power
 * layers for other bounds), Softmax.
 */
import type { Node } from '../../../../src/ir/node.js';
import { enumValue, type ParamMessage } from '../caffe-layer.js';
import {
  blob,
  CaffeRefusal,
  constF32,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';

/** ONNX op → Caffe type and params of one layer with one bottom. */
const SIMPLE: Record<string, (n: Node) => { type: string; params?: ParamMessage }> = {
  Relu: () => ({ type: 'ReLU' }),
  LeakyRelu: (n) => ({ type: 'ReLU', params: { relu_param: { negative_slope: n.float('alpha', 0.01) } } }),
  Sigmoid: () => ({ type: 'Sigmoid' }),
  Tanh: () => ({ type: 'TanH' }),
  Abs: () => ({ type: 'AbsVal' }),
  Elu: (n) => ({ type: 'ELU', params: { elu_param: { alpha: n.float('alpha', 1) } } }),
  Exp: () => ({ type: 'Exp' }),
  Log: () => ({ type: 'Log' }),
  Softplus: () => ({ type: 'BNLL' }),
  Sqrt: () => ({ type: 'Power', params: { power_param: { power: 0.5 } } }),
  Reciprocal: () => ({ type: 'Power', params: { power_param: { power: -1 } } }),
  Neg: () => ({ type: 'Power', params: { power_param: { scale: -1 } } }),
};

function one(n: Node, c: WriteCtx, type: string, params: ParamMessage = {}): void {
  c.emit({ name: layerName(n, c), type, bottoms: [c.top(n.inputs[0])], tops: [outTop(n)], params });
}

function scalarInput(n: Node, i: number, what: string): number | undefined {
  if (!n.inputs[i]) return undefined;
  const v = constF32(n.inputs[i]);
  if (!v || v.length !== 1) throw new CaffeRefusal(`${what} is not a constant scalar`);
  return v[0]!;
}

/** Clip(a, b) = a + (b − a)/6 · ReLU6(6·(x − a)/(b − a)); Clip(a, ∞) = a + ReLU(x − a). */
function clip(n: Node, c: WriteCtx): void {
  const lo = scalarInput(n, 1, 'min') ?? n.float('min', -Infinity);
  const hi = scalarInput(n, 2, 'max') ?? n.float('max', Infinity);
  if (lo === 0 && hi === 6) return one(n, c, 'ReLU6');
  if (lo === 0 && hi === Infinity) return one(n, c, 'ReLU');
  if (!Number.isFinite(lo)) throw new CaffeRefusal(`Clip without a lower bound (max ${hi}): Caffe has no min layer`);
  const name = layerName(n, c);
  const span = hi - lo;
  const bounded = Number.isFinite(hi);
  const pre = c.fresh(`${name}_pre`),
    mid = c.fresh(`${name}_clipped`);
  const preScale = bounded ? 6 / span : 1;
  c.emit({
    name: c.fresh(`${name}_to_unit`),
    type: 'Power',
    bottoms: [c.top(n.inputs[0])],
    tops: [pre],
    params: { power_param: { scale: preScale, shift: -lo * preScale } },
  });
  c.emit({ name, type: bounded ? 'ReLU6' : 'ReLU', bottoms: [pre], tops: [mid], params: {} });
  c.emit({
    name: c.fresh(`${name}_from_unit`),
    type: 'Power',
    bottoms: [mid],
    tops: [outTop(n)],
    params: { power_param: { scale: 1 / preScale, shift: lo } },
  });
}

function prelu(n: Node, c: WriteCtx): void {
  const slope = constF32(n.inputs[1]);
  if (!slope) throw new CaffeRefusal('the slope is not a constant');
  const x = staticDims(n.inputs[0]);
  const s = staticDims(n.inputs[1]);
  const aligned = [...new Array<number>(Math.max(0, x.length - s.length)).fill(1), ...s];
  const perChannel = aligned.length === x.length && aligned[1] === x[1] && aligned.every((d, i) => i === 1 || d === 1);
  if (slope.length !== 1 && !perChannel)
    throw new CaffeRefusal(`slope of shape [${s.join(',')}]: Caffe's PReLU has one slope per channel or one in all`);
  c.emit({
    name: layerName(n, c),
    type: 'PReLU',
    bottoms: [c.top(n.inputs[0])],
    tops: [outTop(n)],
    params: slope.length === 1 && x[1] !== 1 ? { prelu_param: { channel_shared: true } } : {},
    blobs: [blob([slope.length], slope)],
  });
}

/**
 * Pow by a constant → Power; squares as Eltwise PROD of the blob with itself (equal, and OpenCV 4.6 folds a
 * Scale or Power that follows a Power with power ≠ 1 into its input side, computing (s·x)^p instead of s·x^p).
 */
function pow(n: Node, c: WriteCtx): void {
  const e = scalarInput(n, 1, 'the exponent')!;
  if (e === 2) {
    const x = c.top(n.inputs[0]);
    return c.emit({
      name: layerName(n, c),
      type: 'Eltwise',
      bottoms: [x, x],
      tops: [outTop(n)],
      params: { eltwise_param: { operation: enumValue('PROD') } },
    });
  }
  one(n, c, 'Power', { power_param: { power: e } });
}

function softmax(n: Node, c: WriteCtx): void {
  const opset = c.opset;
  const x = staticDims(n.inputs[0]);
  const axis = n.int('axis', opset >= 13 ? -1 : 1);
  const a = axis < 0 ? axis + x.length : axis;
  if (opset < 13 && x.slice(a + 1).some((d) => d !== 1))
    throw new CaffeRefusal(
      `Softmax-${opset} over the flattened axes ${a}… of a ${x.length}-D input: Caffe's is over one axis`,
    );
  one(n, c, 'Softmax', a === 1 ? {} : { softmax_param: { axis: a } });
}

const SPECIAL: Record<string, (n: Node, c: WriteCtx) => void> = {
  Clip: clip,
  PRelu: prelu,
  Pow: pow,
  Softmax: softmax,
};

export const activationFamily: LayerFamily = {
  ops: [...Object.keys(SIMPLE), ...Object.keys(SPECIAL)],
  write(n, c) {
    const special = SPECIAL[n.op];
    if (special) return special(n, c);
    const s = SIMPLE[n.op]!(n);
    one(n, c, s.type, s.params);
  },
};
