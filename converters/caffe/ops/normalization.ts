/**
 * Normalisations: BatchNorm (blobs mean·s, var·s and the factor s), the BN forks (bn_param: SegNet/ENet's
 * scale/shift in INFERENCE mode; four-blob scale/shift/mean/var), LRN across and within channels, MVN, and
 * SSD's Normalize (weiliu89/caffe normalize_layer.cpp: x / sqrt(Σx² + eps) over C·H·W or over C, times a scale).
 */
import type { Value } from '../../../src/ir/value.js';
import { attr } from '../../../src/ir/attr.js';
import { channelDims, param } from './params.js';
import type { CaffeLayerOp, LayerCtx } from './types.js';

const scalar = (c: LayerCtx, name: string, v: number): Value => c.constant(name, 'float32', [], [v]);
const ints = (c: LayerCtx, name: string, v: number[]): Value => c.constant(name, 'int64', [v.length], v);

function firstFloat(c: LayerCtx, i: number): number | null {
  const b = c.blobs[i];
  if (!b) return null;
  return new DataView(b.bytes().buffer, b.bytes().byteOffset, 4).getFloat32(0, true);
}

function batchNorm(c: LayerCtx): Value[] {
  const p = param(c, 'batch_norm_param');
  const ch = c.shape(c.inputs[0]!)?.[1] ?? 0;
  // Caffe stores mean·s and var·s with the scale factor s in a third blob: divide it out (per channel, small)
  const factor = firstFloat(c, 2) ?? 1;
  const k = factor === 0 ? 0 : 1 / factor;
  const scaled = (i: number, what: string): Value => {
    const b = c.blobs[i];
    if (!b || k === 1) return c.weight(i, [ch], what);
    const dv = new DataView(b.bytes().buffer, b.bytes().byteOffset, b.byteLength);
    return c.constant(
      what,
      'float32',
      [ch],
      Array.from({ length: ch }, (_, j) => dv.getFloat32(j * 4, true) * k),
    );
  };
  // NVIDIA/caffe's scale_bias: blobs 3 and 4 are a per-channel scale and bias
  const affine = p.bool('scale_bias') ?? false;
  const ones = affine
      ? c.weight(3, [ch], 'gamma')
      : c.constant('gamma', 'float32', [ch], new Array<number>(ch).fill(1)),
    zeros = affine ? c.weight(4, [ch], 'beta') : c.constant('beta', 'float32', [ch], new Array<number>(ch).fill(0));
  return c.node(
    'BatchNormalization',
    [c.inputs[0]!, ones, zeros, scaled(0, 'mean'), scaled(1, 'variance')],
    new Map([['epsilon', attr.float(p.num('eps') ?? 1e-5)]]),
  );
}

/** Fork BN: y = scale·x + shift (two blobs, INFERENCE mode), or scale·(x − mean)/sqrt(var + eps) + shift (four blobs). */
function forkBn(c: LayerCtx): Value[] {
  const p = param(c, 'bn_param');
  const ch = c.shape(c.inputs[0]!)?.[1] ?? 0;
  const dims = channelDims(c, ch);
  const x = c.inputs[0]!;
  const gamma = c.weight(0, dims, 'scale'),
    beta = c.weight(1, dims, 'shift');
  if (c.blobs.length < 4) {
    if (c.blobs.length && (p.str('bn_mode') ?? 'INFERENCE') !== 'INFERENCE')
      c.warn(
        `bn_param.bn_mode ${p.str('bn_mode')} normalises with batch statistics; imported as INFERENCE (scale·x + shift)`,
      );
    return c.node('Add', [c.node('Mul', [x, gamma])[0]!, beta]);
  }
  const mean = c.weight(2, dims, 'mean'),
    variance = c.weight(3, dims, 'variance');
  const eps = p.num('var_eps') ?? p.num('eps') ?? 1e-9;
  const std = c.node('Sqrt', [c.node('Add', [variance, scalar(c, 'eps', eps)])[0]!])[0]!;
  const norm = c.node('Div', [c.node('Sub', [x, mean])[0]!, std])[0]!;
  return c.node('Add', [c.node('Mul', [norm, gamma])[0]!, beta]);
}

function lrn(c: LayerCtx): Value[] {
  const p = param(c, 'lrn_param');
  const size = p.num('local_size') ?? 5,
    alpha = p.num('alpha') ?? 1,
    beta = p.num('beta') ?? 0.75;
  if ((p.str('norm_region') ?? 'ACROSS_CHANNELS') === 'ACROSS_CHANNELS')
    return c.node(
      'LRN',
      [c.inputs[0]!],
      new Map([
        ['size', attr.int(size)],
        ['alpha', attr.float(alpha)],
        ['beta', attr.float(beta)],
        ['bias', attr.float(p.num('k') ?? 1)],
      ]),
    );
  // WITHIN_CHANNEL: x · (1 + α · mean of x² over a size×size window, zero-padded by (size−1)/2)^−β
  const x = c.inputs[0]!;
  const pad = Math.floor((size - 1) / 2);
  const mean = c.node(
    'AveragePool',
    [c.node('Mul', [x, x])[0]!],
    new Map([
      ['kernel_shape', attr.ints([size, size])],
      ['pads', attr.ints([pad, pad, size - 1 - pad, size - 1 - pad])],
      ['count_include_pad', attr.int(1)],
    ]),
  )[0]!;
  const base = c.node('Add', [c.node('Mul', [mean, scalar(c, 'alpha', alpha)])[0]!, scalar(c, 'one', 1)])[0]!;
  return c.node('Mul', [x, c.node('Pow', [base, scalar(c, 'neg_beta', -beta)])[0]!]);
}

/** MVN: subtract the mean over H·W (C·H·W when across_channels); with normalize_variance divide by sqrt(var) + eps. */
function mvn(c: LayerCtx): Value[] {
  const p = param(c, 'mvn_param');
  const rank = c.shape(c.inputs[0]!)?.length ?? 4;
  const from = p.bool('across_channels') ? 1 : 2;
  const axes = Array.from({ length: rank - from }, (_, i) => from + i);
  const reduce = (v: Value): Value =>
    c.node(
      'ReduceMean',
      [v],
      new Map([
        ['axes', attr.ints(axes)],
        ['keepdims', attr.int(1)],
      ]),
    )[0]!;
  const d = c.node('Sub', [c.inputs[0]!, reduce(c.inputs[0]!)])[0]!;
  if (p.bool('normalize_variance') === false) return [d];
  const std = c.node('Sqrt', [reduce(c.node('Mul', [d, d])[0]!)])[0]!;
  return c.node('Div', [d, c.node('Add', [std, scalar(c, 'eps', p.num('eps') ?? 1e-9)])[0]!]);
}

function normalize(c: LayerCtx): Value[] {
  const p = param(c, 'norm_param');
  const x = c.inputs[0]!;
  const rank = c.shape(x)?.length ?? 4;
  const ch = c.shape(x)?.[1] ?? 0;
  const axes = p.bool('across_spatial') === false ? [1] : Array.from({ length: rank - 1 }, (_, i) => i + 1);
  const sum = c.node(
    'ReduceSum',
    [c.node('Mul', [x, x])[0]!, ints(c, 'axes', axes)],
    new Map([['keepdims', attr.int(1)]]),
  )[0]!;
  const norm = c.node('Sqrt', [c.node('Add', [sum, scalar(c, 'eps', p.num('eps') ?? 1e-10)])[0]!])[0]!;
  const y = c.node('Div', [x, norm])[0]!;
  const shared = p.bool('channel_shared') ?? true;
  return c.node('Mul', [y, c.weight(0, shared ? [1] : channelDims(c, ch), 'scale')]);
}

export const NORMALIZATION_OPS: CaffeLayerOp[] = [
  { types: ['BatchNorm'], import: batchNorm },
  { types: ['BN'], import: forkBn },
  { types: ['LRN'], import: lrn },
  { types: ['MVN'], import: mvn },
  { types: ['Normalize'], import: normalize },
];
