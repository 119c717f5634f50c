/**
 * LayerNormalization over trailing axes, exactly, with layers every Caffe has. Caffe's MVN divides by
 * √var + ε (ε outside the root) while ONNX divides by √(var + ε), so MVN only centres; the variance is
 * written out:
 *
 *   x → Reshape [1, P, Q, 1]               (P rows of Q normalised values, 4-D for NNIE)
 *     → MVN (normalize_variance: false)    d = x − mean(x) per row
 *     → Eltwise PROD (d, d)                d²
 *     → Pooling AVE kernel Q×1             mean(d²) per row: [1, P, 1, 1]
 *     → Power (shift ε, power −½)          1/√(mean(d²) + ε)
 *     → Flatten [1, P] → Scale (d, ·; axis 0)
 *     → Scale (γ, β over axis 2) → Reshape back.
 */
import type { Node } from '../../../../src/ir/node.js';
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

const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);

/** γ or β as Q values: a constant shaped like the normalised axes (leading 1s allowed), or a scalar. */
function perValue(n: Node, i: number, q: number, fill: number): Float32Array | null {
  if (!n.inputs[i]) return i === 1 ? Float32Array.from({ length: q }, () => fill) : null;
  const v = constF32(n.inputs[i]);
  if (!v) throw new CaffeRefusal(`${i === 1 ? 'scale' : 'bias'} is not a constant`);
  if (v.length === q) return v;
  if (v.length === 1) return Float32Array.from({ length: q }, () => v[0]!);
  throw new CaffeRefusal(`${i === 1 ? 'scale' : 'bias'} has ${v.length} values, the normalised axes ${q}`);
}

function layerNorm(n: Node, c: WriteCtx): void {
  const dims = staticDims(n.inputs[0]);
  const axisAttr = n.int('axis', -1);
  const axis = axisAttr < 0 ? axisAttr + dims.length : axisAttr;
  if (n.outputs.slice(1).some((o) => o && o.consumers.length))
    throw new CaffeRefusal('the mean / inverse-deviation outputs are used');
  const p = product(dims.slice(0, axis));
  const q = product(dims.slice(axis));
  const gamma = perValue(n, 1, q, 1)!;
  const beta = perValue(n, 2, q, 0);
  const name = layerName(n, c);
  const step = (suffix: string) => c.fresh(`${name}_${suffix}`);
  const rows = step('rows'),
    centred = step('centred'),
    squared = step('squared'),
    variance = step('variance'),
    inverse = step('inverse_std'),
    inverseFlat = step('inverse_std_flat'),
    normalised = step('normalised'),
    affine = step('affine');
  c.emit({
    name: rows,
    type: 'Reshape',
    bottoms: [c.top(n.inputs[0])],
    tops: [rows],
    params: { reshape_param: { shape: { dim: [1, p, q, 1] } } },
  });
  c.emit({
    name: centred,
    type: 'MVN',
    bottoms: [rows],
    tops: [centred],
    params: { mvn_param: { normalize_variance: false, across_channels: false } },
  });
  c.emit({
    name: squared,
    type: 'Eltwise',
    bottoms: [centred, centred],
    tops: [squared],
    params: { eltwise_param: { operation: enumValue('PROD') } },
  });
  c.emit({
    name: variance,
    type: 'Pooling',
    bottoms: [squared],
    tops: [variance],
    params: { pooling_param: { pool: enumValue('AVE'), kernel_h: q, kernel_w: 1, stride: 1 } },
  });
  c.emit({
    name: inverse,
    type: 'Power',
    bottoms: [variance],
    tops: [inverse],
    params: { power_param: { power: -0.5, shift: n.float('epsilon', 1e-5) } },
  });
  c.emit({ name: inverseFlat, type: 'Flatten', bottoms: [inverse], tops: [inverseFlat] });
  c.emit({
    name: normalised,
    type: 'Scale',
    bottoms: [centred, inverseFlat],
    tops: [normalised],
    params: { scale_param: { axis: 0 } },
  });
  c.emit({
    name: affine,
    type: 'Scale',
    bottoms: [normalised],
    tops: [affine],
    params: { scale_param: { axis: 2, ...(beta ? { bias_term: true } : {}) } },
    blobs: beta ? [blob([q], gamma), blob([q], beta)] : [blob([q], gamma)],
  });
  c.emit({
    name,
    type: 'Reshape',
    bottoms: [affine],
    tops: [outTop(n)],
    params: { reshape_param: { shape: { dim: dims } } },
  });
}

export const layerNormFamily: LayerFamily = { ops: ['LayerNormalization'], write: layerNorm };
