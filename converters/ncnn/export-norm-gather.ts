/**
 * LayerNormalization → ncnn LayerNorm (src/layer/layernorm.cpp: normalises the last axis (affine_size = w),
 * or the last two / three axes of a 3-D / 4-D blob, with per-element gamma and beta), and Gather with a
 * constant index on a non-batch axis → Crop (+ Reshape when the index is a scalar and drops the axis).
 */
import type { Node } from '../../src/ir/node.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';
import { knownValue } from '../../src/shape/infer.js';
import { ExportRefusal, axis, dims, f32, isConst, layer, shapeParams, type LayerSink } from './export-layers.js';
import { paramId } from './ncnn-table.js';
import { deferredWeight } from './deferred-weight.js';

export function layerNorm(n: Node, s: LayerSink): void {
  const x = dims(n.inputs[0]),
    r = x.length;
  const a = (n.int('axis', -1) + r) % r;
  if (a < 2)
    throw new ExportRefusal(
      `LayerNormalization over axes ${a}..${r - 1}: ncnn's LayerNorm normalises the trailing axes of a blob, not the whole of it`,
      'ncnn/LayerNormalization-axis',
    );
  if (n.outputs.slice(1).some((o) => o && o.consumers.length))
    throw new ExportRefusal('LayerNormalization Mean/InvStdDev outputs', 'ncnn/LayerNormalization-stats');
  const size = x.slice(a).reduce((p, d) => p * d, 1);
  const full = (v: Node['inputs'][number], fill: number): Float32Array => {
    if (!v) return new Float32Array(size).fill(fill);
    if (!isConst(v))
      throw new ExportRefusal('LayerNormalization scale and bias must be constant', 'ncnn/LayerNormalization-affine');
    const d = f32(v);
    if (d.length === size) return d;
    if (d.length === 1) return new Float32Array(size).fill(d[0]!);
    throw new ExportRefusal(
      `LayerNormalization scale of ${d.length} values for ${size} normalised elements`,
      'ncnn/LayerNormalization-affine',
    );
  };
  s.emit(
    layer(
      'LayerNorm',
      n,
      s,
      [s.blob(n.inputs[0]!)],
      [
        ['affine_size', size],
        ['eps', n.float('epsilon', 1e-5)],
        ['affine', 1],
      ],
      [
        { data: full(n.inputs[1], 1), tagged: false },
        { data: full(n.inputs[2], 0), tagged: false },
      ],
    ),
  );
}

export function gatherConstant(n: Node, s: LayerSink): void {
  const x = dims(n.inputs[0]),
    r = x.length;
  const t = n.inputs[1] ? knownValue(n.inputs[1]) : null;
  const table = knownValue(n.inputs[0]);
  if (!t && table && r === 2 && n.int('axis', 0) === 0) return embed(n, s, x);
  if (!t)
    throw new ExportRefusal(
      'Gather with indices computed at run time (ncnn has no gather layer; a constant table is Embed)',
      'ncnn/Gather-indices-const',
    );
  const idx = tensorToNumbers(t);
  if (idx.length !== 1)
    throw new ExportRefusal(
      `Gather of ${idx.length} indices: only one constant index is exported (as a Crop)`,
      'ncnn/Gather-single-index',
    );
  const a = (n.int('axis', 0) + r) % r;
  const i = idx[0]! < 0 ? idx[0]! + x[a]! : idx[0]!;
  const out = n.outputs[0]!;
  const scalar = t.dims.length === 0;
  const cropped = scalar ? s.fresh(`${out.name}_crop`) : out.name;
  s.emit({
    type: 'Crop',
    name: n.name || s.fresh('gather'),
    bottoms: [s.blob(n.inputs[0]!)],
    tops: [cropped],
    params: new Map([
      [paramId('Crop', 'starts'), [i]],
      [paramId('Crop', 'ends'), [i + 1]],
      [paramId('Crop', 'axes'), [axis(a, r, 'Gather')]],
    ]),
    weights: [],
  });
  if (scalar)
    s.emit({
      type: 'Reshape',
      name: s.fresh(`${n.name || 'gather'}_reshape`),
      bottoms: [cropped],
      tops: [out.name],
      params: shapeParams('Reshape', dims(out), 'ncnn/Gather-batch-axis'),
      weights: [],
    });
}

/**
 * Gather of a constant [V, D] table with run-time ids [1, L] → ncnn Embed (rows of the table; ncnn reads the
 * ids blob as int32 and clamps them to [0, V−1], where ONNX fails on out-of-range ids).
 */
function embed(n: Node, s: LayerSink, table: number[]): void {
  const ids = dims(n.inputs[1]);
  if (ids.length !== 2 || ids[0] !== 1)
    throw new ExportRefusal(
      `Embed takes ids shaped [1, L] (a 1-D ncnn blob); these are [${ids.join(',')}]`,
      'ncnn/Gather-indices-const',
    );
  if (n.inputs[1]!.producer)
    throw new ExportRefusal(
      'Embed ids must be a model input: ncnn layers compute float blobs, Embed reads int32 ids',
      'ncnn/Gather-indices-const',
    );
  const [v, d] = table as [number, number];
  s.emit(
    layer(
      'Embed',
      n,
      s,
      [s.blob(n.inputs[1]!)],
      [
        ['num_output', d],
        ['input_dim', v],
        ['bias_term', 0],
        ['weight_data_size', v * d],
      ],
      [deferredWeight(v * d, true, (scratch) => f32(n.inputs[0]!, scratch))],
    ),
  );
}
