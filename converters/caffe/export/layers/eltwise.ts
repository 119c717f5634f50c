/**
 * Binary arithmetic: two blobs of one shape → Eltwise (SUM, SUM with coeff −1, PROD, MAX; Div as Power −1 and
 * PROD); a blob and a
 * constant scalar → Power; a blob and a per-channel constant → Scale (with a bias blob for Add/Sub);
 * a blob times a per-channel blob [N,C,1,1] (squeeze-excitation) → Flatten + Scale on two bottoms.
 */
import type { Node } from '../../../../src/ir/node.js';
import type { Value } from '../../../../src/ir/value.js';
import { enumValue } from '../caffe-layer.js';
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

const ELTWISE: Record<string, { operation: string; coeff?: number[] }> = {
  Add: { operation: 'SUM' },
  Sum: { operation: 'SUM' },
  Sub: { operation: 'SUM', coeff: [1, -1] },
  Mul: { operation: 'PROD' },
  Max: { operation: 'MAX' },
};

const sameDims = (a: number[], b: number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** The axes a constant spans over `x`: its non-1 dims (aligned right) as one run equal to x's, or null. */
function broadcastSpan(k: Value, x: number[]): { axis: number; numAxes: number } | null {
  const s = staticDims(k);
  if (s.length > x.length) return null;
  const aligned = [...new Array<number>(x.length - s.length).fill(1), ...s];
  const big = aligned.flatMap((d, i) => (d !== 1 ? [i] : []));
  if (!big.length) return null;
  const axis = big[0]!,
    end = big[big.length - 1]! + 1;
  for (let i = axis; i < end; i++) if (aligned[i] !== x[i]) return null;
  return { axis, numAxes: end - axis };
}
const perChannel = (k: Value, x: number[]): boolean => {
  const span = broadcastSpan(k, x);
  return !!span && span.axis === 1 && span.numAxes === 1;
};

function power(n: Node, c: WriteCtx, x: Value, k: number, constFirst: boolean): void {
  const params: Record<string, { scale?: number; shift?: number; power?: number }> = {
    Add: { shift: k },
    Sub: constFirst ? { scale: -1, shift: k } : { shift: -k },
    Mul: { scale: k },
    Div: constFirst ? { power: -1, scale: 1 } : { scale: 1 / k },
  };
  if (n.op === 'Max' && k === 0)
    return void c.emit({ name: layerName(n, c), type: 'ReLU', bottoms: [c.top(x)], tops: [outTop(n)] });
  const p = params[n.op];
  if (!p || (n.op === 'Div' && constFirst && k !== 1)) throw new CaffeRefusal(`${n.op} with a constant scalar operand`);
  c.emit({ name: layerName(n, c), type: 'Power', bottoms: [c.top(x)], tops: [outTop(n)], params: { power_param: p } });
}

function scaleBySpan(
  n: Node,
  c: WriteCtx,
  x: Value,
  k: Float32Array,
  span: { axis: number; numAxes: number },
  constFirst: boolean,
): void {
  const ones = () => new Float32Array(k.length).fill(1);
  const spec: Record<string, () => { gamma: Float32Array; beta?: Float32Array }> = {
    Mul: () => ({ gamma: k }),
    Div: () => ({ gamma: k.map((v) => 1 / v) }),
    Add: () => ({ gamma: ones(), beta: k }),
    Sub: () => (constFirst ? { gamma: ones().fill(-1), beta: k } : { gamma: ones(), beta: k.map((v) => -v) }),
  };
  if (!spec[n.op] || (n.op === 'Div' && constFirst))
    throw new CaffeRefusal(`${n.op} with a per-channel constant operand`);
  const { gamma, beta } = spec[n.op]!();
  const dims = staticDims(x).slice(span.axis, span.axis + span.numAxes);
  const where = {
    ...(span.axis !== 1 ? { axis: span.axis } : {}),
    ...(span.numAxes !== 1 ? { num_axes: span.numAxes } : {}),
  };
  c.emit({
    name: layerName(n, c),
    type: 'Scale',
    bottoms: [c.top(x)],
    tops: [outTop(n)],
    params: { scale_param: { ...where, bias_term: !!beta } },
    blobs: beta ? [blob(dims, gamma), blob(dims, beta)] : [blob(dims, gamma)],
  });
}

/** x [N,C,H,W] · s [N,C,1,1]: s flattened to [N,C], then Scale with two bottoms along axes 0–1. */
function scaleByBlob(n: Node, c: WriteCtx, x: Value, s: Value): void {
  const name = layerName(n, c);
  const flat = c.fresh(`${name}_weights`);
  c.emit({ name: c.fresh(`${name}_flatten`), type: 'Flatten', bottoms: [c.top(s)], tops: [flat] });
  c.emit({ name, type: 'Scale', bottoms: [c.top(x), flat], tops: [outTop(n)], params: { scale_param: { axis: 0 } } });
}

/** The axes [axis, axis + dims.length) where s has x's dims, 1 everywhere else (s broadcast over the rest), or null. */
function blobSpan(s: number[], x: number[]): { axis: number; dims: number[] } | null {
  const wide = s.flatMap((d, i) => (d !== 1 ? [i] : []));
  if (s.length !== x.length || !wide.length) return null;
  const [first, last] = [wide[0]!, wide[wide.length - 1]!];
  for (let i = first; i <= last; i++) if (s[i] !== x[i]) return null;
  return { axis: first, dims: x.slice(first, last + 1) };
}

/** x · s with s spanning axes [axis, axis + k) (e.g. a channel-last squeeze-excitation [1,1,1,C]): Reshape + Scale. */
function scaleBySpanBlob(n: Node, c: WriteCtx, x: Value, s: Value, span: { axis: number; dims: number[] }): void {
  const name = layerName(n, c);
  const shaped = c.fresh(`${name}_weights`);
  c.emit({
    name: c.fresh(`${name}_reshape`),
    type: 'Reshape',
    bottoms: [c.top(s)],
    tops: [shaped],
    params: { reshape_param: { shape: { dim: span.dims } } },
  });
  c.emit({
    name,
    type: 'Scale',
    bottoms: [c.top(x), shaped],
    tops: [outTop(n)],
    params: { scale_param: { axis: span.axis } },
  });
}

function write(n: Node, c: WriteCtx): void {
  const ins = n.inputs.filter((v): v is Value => !!v);
  const consts = ins.map(constF32);
  if (ins.length === 2 && (consts[0] || consts[1])) {
    const i = consts[0] ? 0 : 1;
    const k = consts[i]!,
      x = ins[1 - i]!;
    if (k.length === 1) return power(n, c, x, k[0]!, i === 0);
    const span = broadcastSpan(ins[i]!, staticDims(x));
    if (span && sameDims(staticDims(x), staticDims(n.outputs[0]))) return scaleBySpan(n, c, x, k, span, i === 0);
    throw new CaffeRefusal(
      `${n.op} with a constant of shape [${staticDims(ins[i]).join(',')}]: Caffe's Scale broadcasts a constant over leading and trailing axes only`,
    );
  }
  if (consts.some(Boolean)) throw new CaffeRefusal('constant operands among several inputs');
  const dims = ins.map(staticDims);
  if (n.op === 'Mul' && ins.length === 2 && dims[0]!.length === 4) {
    const [a, b] = dims;
    if (!sameDims(a!, b!)) {
      const big = sameDims(a!, staticDims(n.outputs[0])) ? 0 : 1;
      if (perChannel(ins[1 - big]!, dims[big]!) || sameDims(dims[1 - big]!, [dims[big]![0]!, dims[big]![1]!, 1, 1]))
        return scaleByBlob(n, c, ins[big]!, ins[1 - big]!);
    }
  }
  if (n.op === 'Mul' && ins.length === 2 && !sameDims(dims[0]!, dims[1]!)) {
    const big = sameDims(dims[0]!, staticDims(n.outputs[0])) ? 0 : 1;
    const span = blobSpan(dims[1 - big]!, dims[big]!);
    if (span) return scaleBySpanBlob(n, c, ins[big]!, ins[1 - big]!, span);
  }
  if (dims.some((d) => !sameDims(d, dims[0]!)))
    throw new CaffeRefusal(
      `operands of shapes ${dims.map((d) => `[${d.join(',')}]`).join(', ')}: Eltwise needs one shape`,
    );
  if (ins.length === 1) return c.alias(n.outputs[0]!, c.top(ins[0])); // Sum / Max of one input
  if (dims[0]!.length < 2) throw new CaffeRefusal(`${dims[0]!.length}-D operands: OpenCV dnn's Eltwise takes rank ≥ 2`);
  if (n.op === 'Div' && ins.length === 2) return divide(n, c, ins[0]!, ins[1]!);
  const e = ELTWISE[n.op];
  if (!e) throw new CaffeRefusal(`${n.op} of two blobs: Caffe's Eltwise sums, multiplies or takes the maximum only`);
  c.emit({
    name: layerName(n, c),
    type: 'Eltwise',
    bottoms: ins.map((v) => c.top(v)),
    tops: [outTop(n)],
    params: { eltwise_param: { operation: enumValue(e.operation), ...(e.coeff ? { coeff: e.coeff } : {}) } },
  });
}

/** a / b of two blobs of one shape: Power (b^-1), then Eltwise PROD — a · (1/b), equal up to float rounding. */
function divide(n: Node, c: WriteCtx, a: Value, b: Value): void {
  const name = layerName(n, c);
  const reciprocal = c.fresh(`${name}_reciprocal`);
  c.emit({
    name: reciprocal,
    type: 'Power',
    bottoms: [c.top(b)],
    tops: [reciprocal],
    params: { power_param: { power: -1 } },
  });
  c.emit({
    name,
    type: 'Eltwise',
    bottoms: [c.top(a), reciprocal],
    tops: [outTop(n)],
    params: { eltwise_param: { operation: enumValue('PROD') } },
  });
}

export const eltwiseFamily: LayerFamily = { ops: ['Add', 'Sub', 'Mul', 'Div', 'Sum', 'Max'], write };
