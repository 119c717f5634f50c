/**
 * More ONNX ops as ncnn layers (param ids from opsets/ncnn.json, layouts from ncnn's src/layer/*.cpp):
 * InstanceNormalization → InstanceNorm, GroupNormalization → GroupNorm (per-channel affine), Softplus,
 * Selu → SELU, Tile / Expand with constant repeats → Tile (numpy-style repeats without the batch axis),
 * SpaceToDepth → Reorg mode 1 (channel = (row·b + col)·C + c, as ONNX), same-type Cast → Noop.
 */
import type { Node } from '../../src/ir/node.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';
import { knownValue } from '../../src/shape/infer.js';
import { ExportRefusal, dims, f32, isConst, layer, type LayerSink } from './export-layers.js';

const constNums = (n: Node, i: number, what: string): number[] => {
  const t = n.inputs[i] ? knownValue(n.inputs[i]!) : null;
  if (!t) throw new ExportRefusal(`${n.op} ${what} must be constant`, `ncnn/${n.op}-${what}-const`);
  return tensorToNumbers(t);
};
const perChannel = (n: Node, i: number, c: number, groups = c): Float32Array => {
  const v = n.inputs[i];
  if (!v || !isConst(v))
    throw new ExportRefusal(`${n.op} scale and bias must be constant`, `ncnn/${n.op}-affine-const`);
  const d = f32(v);
  if (d.length === c) return d;
  if (d.length === groups) return Float32Array.from({ length: c }, (_, k) => d[Math.floor(k / (c / groups))]!); // GroupNormalization-18: per group
  throw new ExportRefusal(`${n.op}: ${d.length} affine values for ${c} channels`, `ncnn/${n.op}-affine-const`);
};

export function exportMore(n: Node, s: LayerSink): boolean {
  const x = n.inputs[0]!;
  const one = (
    type: string,
    params: Parameters<typeof layer>[4] = [],
    weights: Parameters<typeof layer>[5] = [],
  ): void => s.emit(layer(type, n, s, [s.blob(x)], params, weights));
  switch (n.op) {
    case 'InstanceNormalization': {
      const c = dims(x)[1]!;
      one(
        'InstanceNorm',
        [
          ['channels', c],
          ['eps', n.float('epsilon', 1e-5)],
          ['affine', 1],
        ],
        [
          { data: perChannel(n, 1, c), tagged: false },
          { data: perChannel(n, 2, c), tagged: false },
        ],
      );
      return true;
    }
    case 'GroupNormalization': {
      const c = dims(x)[1]!,
        g = n.int('num_groups')!;
      one(
        'GroupNorm',
        [
          ['group', g],
          ['channels', c],
          ['eps', n.float('epsilon', 1e-5)],
          ['affine', 1],
        ],
        [
          { data: perChannel(n, 1, c, g), tagged: false },
          { data: perChannel(n, 2, c, g), tagged: false },
        ],
      );
      return true;
    }
    case 'Softplus':
      one('Softplus');
      return true;
    case 'Selu':
      one('SELU', [
        ['alpha', n.float('alpha', 1.67326319217681884765625)],
        ['lambda', n.float('gamma', 1.05070102214813232421875)],
      ]);
      return true;
    case 'Tile':
    case 'Expand': {
      const xi = dims(x),
        y = dims(n.outputs[0]);
      if (y.length !== xi.length) throw new ExportRefusal(`${n.op} that adds axes`, `ncnn/${n.op}-same-rank`);
      const reps = n.op === 'Tile' ? constNums(n, 1, 'repeats') : y.map((d, i) => d / xi[i]!);
      if (n.op === 'Expand') {
        constNums(n, 1, 'shape');
        // ONNX shape inference already refuses this (Expand broadcasts only dims of 1)
        if (y.some((d, i) => xi[i] !== 1 && xi[i] !== d))
          throw new ExportRefusal('Expand of a non-unit dim', 'ncnn/Expand-same-rank');
      }
      if (reps[0] !== 1) throw new ExportRefusal(`${n.op} along the batch axis`, `ncnn/${n.op}-batch-axis`);
      if (reps.length > 5) throw new ExportRefusal(`${n.op} on rank ${reps.length}`, 'ncnn/tensor-rank');
      one('Tile', [['repeats', reps.slice(1)]]);
      return true;
    }
    case 'SpaceToDepth':
      one('Reorg', [
        ['stride', n.int('blocksize', 1)],
        ['mode', 1],
      ]);
      return true;
    case 'Cast': {
      const from = x.dtype,
        to = n.outputs[0]!.dtype;
      if (from !== to || from !== 'float32')
        throw new ExportRefusal(`Cast ${from} → ${to}: ncnn blobs are float32`, 'ncnn/Cast-to');
      one('Noop');
      return true;
    }
    default:
      return false;
  }
}
