/** ncnn import: BatchNorm, InstanceNorm, GroupNorm and LayerNorm. */
import { attr } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

function importBatchNorm(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, weights, node, set } = ctx;
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
}

function importInstanceNorm(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, weights, shape, node, set } = ctx;
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
    return;
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
}

function importLayerNorm(ctx: NcnnImportCtx): void {
  const { l, x, model, file, P, konst, weights, shape, node, set } = ctx;
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
}

export const normalizationLayers: NcnnLayerTable = {
  BatchNorm: importBatchNorm,
  InstanceNorm: importInstanceNorm,
  GroupNorm: importInstanceNorm,
  LayerNorm: importLayerNorm,
};
