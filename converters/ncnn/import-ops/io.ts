/** ncnn import: Graph inputs, constant blobs (MemoryData) and pass-through layers (Split, Noop). */
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

function importInput(ctx: NcnnImportCtx): void {
  const { l, g, shapeOf, set } = ctx;
  const v = g.value(l.tops[0]!);
  v.dtype = 'float32';
  v.shape = shapeOf(l);
  g.inputs.push(v);
  set(v);
}

function importMemoryData(ctx: NcnnImportCtx): void {
  const { l, konst, weights, shapeOf, set } = ctx;
  const s = shapeOf(l);
  set(
    konst(
      l.tops[0]!,
      'float32',
      s,
      weights(
        l,
        s.reduce((a, b) => a * b, 1),
        false,
      ),
    ),
  );
}

function importSplit(ctx: NcnnImportCtx): void {
  const { l, x, blobs } = ctx;
  l.tops.forEach((t) => blobs.set(t, x));
}

function importNoop(ctx: NcnnImportCtx): void {
  const { x, set } = ctx;
  set(x);
}

export const ioLayers: NcnnLayerTable = {
  Input: importInput,
  MemoryData: importMemoryData,
  Split: importSplit,
  Noop: importNoop,
};
