/** ncnn import: Layers that move data: Concat, Softmax, Flatten, Reshape, Permute, Slice, Crop, ShuffleChannel, Tile, Reorg, PixelShuffle, Padding. */
import { attr } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';
import { PERMUTE_2D, PERMUTE_3D, PERMUTE_4D } from '../ncnn-table.js';

function importConcat(ctx: NcnnImportCtx): void {
  const { l, ins, P, node, set } = ctx;
  set(node('Concat', ins, new Map([['axis', attr.int(P(l, 'axis', 0) + 1)]])));
}

function importSoftmax(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  set(node('Softmax', [x], new Map([['axis', attr.int(P(l, 'axis', 0) + 1)]])));
}

function importFlatten(ctx: NcnnImportCtx): void {
  const { x, node, set } = ctx;
  set(node('Flatten', [x], new Map([['axis', attr.int(1)]])));
}

function importReshape(ctx: NcnnImportCtx): void {
  const { l, x, konst, shapeOf, node, set } = ctx;
  const s = shapeOf(l);
  set(node('Reshape', [x, konst(`${l.name}/shape`, 'int64', [s.length], s)]));
}

function importPermute(ctx: NcnnImportCtx): void {
  const { l, x, file, P, shape, node, set } = ctx;
  const r = shape(x).length,
    t = P(l, 'order_type', 0);
  const table = r === 5 ? PERMUTE_4D : r === 4 ? PERMUTE_3D : PERMUTE_2D;
  const perm = Object.entries(table).find(([, v]) => v === t)?.[0];
  if (!perm)
    throw new InputError(file, `layer ${l.name}: Permute order_type ${t} on a rank-${r} blob is not read by convcheck`);
  set(node('Transpose', [x], new Map([['perm', attr.ints(perm.split(',').map(Number))]])));
}

function importSlice(ctx: NcnnImportCtx): void {
  const { l, x, g, blobs, P, A, konst } = ctx;
  const sizes = A(l, 'slices'),
    ax = P(l, 'axis', 0) + 1;
  const outs = l.tops.map((t) => g.newValue(t));
  g.addNode({
    op: 'Split',
    name: g.uniqueNodeName(l.name),
    inputs: [x, konst(`${l.name}/split`, 'int64', [sizes.length], sizes)],
    outputs: outs,
    attrs: new Map([['axis', attr.int(ax)]]),
    origin: { format: 'ncnn', name: l.name, type: l.type },
  });
  l.tops.forEach((t, i) => blobs.set(t, outs[i]!));
}

function importPadding(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, node, set } = ctx;
  const pads = [
    0,
    P(l, 'front', 0),
    P(l, 'top', 0),
    P(l, 'left', 0),
    0,
    P(l, 'behind', 0),
    P(l, 'bottom', 0),
    P(l, 'right', 0),
  ];
  const mode = (['constant', 'edge', 'reflect'] as const)[P(l, 'type', 0)] ?? 'constant';
  set(
    node(
      'Pad',
      [x, konst(`${l.name}/pads`, 'int64', [8], pads), konst(`${l.name}/value`, 'float32', [], [P(l, 'value', 0)])],
      new Map([['mode', attr.string(mode)]]),
    ),
  );
}

function importCrop(ctx: NcnnImportCtx): void {
  const { l, x, file, A, konst, node, set } = ctx;
  const st = A(l, 'starts'),
    en = A(l, 'ends'),
    ax = A(l, 'axes').map((a) => a + 1);
  if (!st.length)
    throw new InputError(file, `layer ${l.name}: Crop with offsets (not starts/ends arrays) is not read by convcheck`);
  set(
    node('Slice', [
      x,
      konst(`${l.name}/starts`, 'int64', [st.length], st),
      konst(`${l.name}/ends`, 'int64', [en.length], en),
      konst(`${l.name}/axes`, 'int64', [ax.length], ax),
    ]),
  );
}

function importShuffleChannel(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, shape, node, set } = ctx;
  const s = shape(x),
    gsz = P(l, 'group', 1);
  const a = node(
    'Reshape',
    [x, konst(`${l.name}/shape5`, 'int64', [5], [s[0]!, gsz, s[1]! / gsz, s[2]!, s[3]!])],
    new Map(),
    `${l.tops[0]}/r1`,
  );
  const t = node('Transpose', [a], new Map([['perm', attr.ints([0, 2, 1, 3, 4])]]), `${l.tops[0]}/t`);
  set(node('Reshape', [t, konst(`${l.name}/shape4`, 'int64', [4], s)]));
}

function importTile(ctx: NcnnImportCtx): void {
  const { l, x, file, A, konst, node, set } = ctx;
  const reps = A(l, 'repeats');
  if (!reps.length)
    throw new InputError(file, `layer ${l.name}: Tile with axis/tiles (not repeats) is not read by convcheck`);
  set(node('Tile', [x, konst(`${l.name}/repeats`, 'int64', [reps.length + 1], [1, ...reps])]));
}

function importReorg(ctx: NcnnImportCtx): void {
  const { l, x, file, P, node, set } = ctx;
  if (P(l, 'mode', 0) !== 1)
    throw new InputError(file, `layer ${l.name}: Reorg mode 0 (darknet order) is not read by convcheck`);
  set(node('SpaceToDepth', [x], new Map([['blocksize', attr.int(P(l, 'stride', 1))]])));
}

function importPixelShuffle(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  set(
    node(
      'DepthToSpace',
      [x],
      new Map([
        ['blocksize', attr.int(P(l, 'upscale_factor', 1))],
        ['mode', attr.string(P(l, 'mode', 0) ? 'DCR' : 'CRD')],
      ]),
    ),
  );
}

export const shapeLayers: NcnnLayerTable = {
  Concat: importConcat,
  Softmax: importSoftmax,
  Flatten: importFlatten,
  Reshape: importReshape,
  Permute: importPermute,
  Slice: importSlice,
  Padding: importPadding,
  Crop: importCrop,
  ShuffleChannel: importShuffleChannel,
  Tile: importTile,
  Reorg: importReorg,
  PixelShuffle: importPixelShuffle,
};
