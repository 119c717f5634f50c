/**
 * Gelu. The tanh form is exact with Caffe layers: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
 * The erf form has no exact Caffe layer (there is no Erf). It is written as
 *   GELU(x) = ½x + ½|x|·erf(|x|/√2),  erf(u) ≈ 1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(−u²),  t = 1/(1 + p·u)
 * (Abramowitz & Stegun, Handbook of Mathematical Functions, formula 7.1.26: |error| ≤ 1.5e-7 on erf), using
 * AbsVal, Power, Eltwise and Exp only, and every such layer is reported with a warning stating the error.
 */
import type { Node } from '../../../../src/ir/node.js';
import { enumValue, type ParamMessage } from '../caffe-layer.js';
import { layerName, outTop, type LayerFamily, type WriteCtx } from '../write-context.js';

/** A&S 7.1.26 constants. */
const P = 0.3275911;
const A = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429];

/**
 * Bound on |Caffe GELU − erf GELU| in OpenCV dnn over [−10, 10]: measured 4.8e-7 on 20 000 seeded points
 * (float32 rounding near |x| = 10); the Caffe export test re-measures it and fails if it grows past this.
 */
export const GELU_ERF_MAX_ERROR = 5e-7;

function emitter(n: Node, c: WriteCtx) {
  const name = layerName(n, c);
  return (suffix: string, type: string, bottoms: string[], params: ParamMessage = {}, top?: string): string => {
    const t = top ?? c.fresh(`${name}_${suffix}`);
    c.emit({ name: top ? name : t, type, bottoms, tops: [t], params });
    return t;
  };
}

const prod = { eltwise_param: { operation: enumValue('PROD') } };
const sum = (coeff: number[]) => ({ eltwise_param: { operation: enumValue('SUM'), coeff } });
const power = (p: { power?: number; scale?: number; shift?: number }) => ({ power_param: p });

function geluTanh(n: Node, c: WriteCtx): void {
  const layer = emitter(n, c);
  const x = c.top(n.inputs[0]);
  const k = Math.sqrt(2 / Math.PI);
  const cube = layer('cube', 'Eltwise', [x, x, x], prod);
  const inner = layer('inner', 'Eltwise', [x, cube], sum([k, k * 0.044715]));
  const th = layer('tanh', 'TanH', [inner]);
  const xt = layer('x_tanh', 'Eltwise', [x, th], prod);
  layer('', 'Eltwise', [x, xt], sum([0.5, 0.5]), outTop(n));
}

function geluErf(n: Node, c: WriteCtx): void {
  const layer = emitter(n, c);
  const x = c.top(n.inputs[0]);
  const abs = layer('abs', 'AbsVal', [x]);
  const t = layer('t', 'Power', [abs], power({ power: -1, scale: P * Math.SQRT1_2, shift: 1 }));
  // Horner: ((((a₅t + a₄)t + a₃)t + a₂)t + a₁)t
  let poly = layer('poly4', 'Power', [t], power({ scale: A[4]!, shift: A[3]! }));
  for (let i = 2; i >= 0; i--) {
    const times = layer(`poly${i + 1}_t`, 'Eltwise', [poly, t], prod);
    poly = layer(`poly${i}`, 'Power', [times], power({ shift: A[i]! }));
  }
  poly = layer('poly', 'Eltwise', [poly, t], prod);
  const square = layer('square', 'Eltwise', [abs, abs], prod);
  const gauss = layer('gauss', 'Exp', [square], { exp_param: { scale: -0.5 } });
  const tail = layer('erfc', 'Eltwise', [poly, gauss], prod);
  const absTail = layer('abs_erfc', 'Eltwise', [abs, tail], prod);
  layer('', 'Eltwise', [x, abs, absTail], sum([0.5, 0.5, -0.5]), outTop(n));
  c.warn(
    `erf GELU written with the erf approximation of Abramowitz & Stegun 7.1.26 (Caffe has no Erf layer): ` +
      `max |error| ${GELU_ERF_MAX_ERROR} measured in OpenCV dnn over [-10, 10]`,
  );
}

export const geluFamily: LayerFamily = {
  ops: ['Gelu'],
  write: (n, c) => (n.str('approximate', 'none') === 'tanh' ? geluTanh(n, c) : geluErf(n, c)),
};
