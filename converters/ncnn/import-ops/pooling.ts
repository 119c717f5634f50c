/** ncnn import: Pooling: max/average, global, padding modes. */
import { attr, type Attrs } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

function importPooling(ctx: NcnnImportCtx): void {
  const { l, x, file, P, node, set } = ctx;
  const max = P(l, 'pooling_type', 0) === 0;
  if (P(l, 'global_pooling', 0)) {
    set(
      node(
        'Flatten',
        [node(max ? 'GlobalMaxPool' : 'GlobalAveragePool', [x], new Map(), `${l.tops[0]}/pooled`)],
        new Map([['axis', attr.int(1)]]),
      ),
    );
    return;
  }
  if (P(l, 'pad_mode', 0) !== 1)
    throw new InputError(
      file,
      `layer ${l.name}: Pooling pad_mode ${P(l, 'pad_mode', 0)} is not read by convcheck (1 = explicit pads)`,
    );
  const kw = P(l, 'kernel_w', 0),
    kh = P(l, 'kernel_h', kw),
    sw = P(l, 'stride_w', 1),
    pl = P(l, 'pad_left', 0),
    pr = P(l, 'pad_right', pl),
    pt = P(l, 'pad_top', pl),
    pb = P(l, 'pad_bottom', pt);
  const a: Attrs = new Map([
    ['kernel_shape', attr.ints([kh, kw])],
    ['strides', attr.ints([P(l, 'stride_h', sw), sw])],
    ['pads', attr.ints([pt, pl, pb, pr])],
  ]);
  if (!max) a.set('count_include_pad', attr.int(P(l, 'avgpool_count_include_pad', 0)));
  set(node(max ? 'MaxPool' : 'AveragePool', [x], a));
}

export const poolingLayers: NcnnLayerTable = {
  Pooling: importPooling,
};
