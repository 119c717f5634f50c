/** ncnn import: Recurrent layers (LSTM, GRU, RNN) and MultiHeadAttention. */
import { InputError } from '../../../src/io/input-error.js';
import { recurrentToOnnx } from '../import-recurrent.js';
import { attentionToOnnx } from '../import-attention.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';
import { paramId } from '../ncnn-table.js';

function importLSTM(ctx: NcnnImportCtx): void {
  const { l, x, file, P, konst, weights, shape, node, set } = ctx;
  const s = shape(x),
    H = P(l, 'num_output', 0),
    dir = P(l, 'direction', 0),
    D = dir === 2 ? 2 : 1,
    G = l.type === 'LSTM' ? 4 : l.type === 'GRU' ? 3 : 1;
  const size = P(l, 'weight_data_size', 0),
    F = size / (D * G * H);
  if (s.length !== 3 || s[2] !== F || l.tops.length !== 1)
    throw new InputError(
      file,
      `layer ${l.name}: ${l.type} on a blob [${s.join(',')}] (input size ${F}) is not read by convcheck`,
    );
  const w = [size, D * (l.type === 'GRU' ? 4 : G) * H, D * G * H * H].map((c) => weights(l, c, true));
  set(
    recurrentToOnnx(
      { node: (op, i, a, o) => node(op, i, a, o), konst },
      l.type,
      l.name,
      l.tops[0]!,
      x,
      s[1]!,
      F,
      H,
      dir,
      w,
    ),
  );
}

function importMultiHeadAttention(ctx: NcnnImportCtx): void {
  const { l, x, file, P, konst, weights, shape, node, set } = ctx;
  const E = P(l, 'embed_dim', 0),
    H = P(l, 'num_heads', 1),
    s = shape(x);
  if (l.bottoms.length !== 1 || P(l, 'weight_data_size', 0) !== E * E || s.length !== 3)
    throw new InputError(
      file,
      `layer ${l.name}: only self-attention MultiHeadAttention on a [T,E] blob is read by convcheck`,
    );
  const w = [E * E, E, E * E, E, E * E, E, E * E, E].map((c, i) => weights(l, c, i % 2 === 0));
  const scaleV = l.params.get(paramId('MultiHeadAttention', 'scale'));
  set(
    attentionToOnnx(
      { node: (op, i, a, o) => node(op, i, a, o), konst },
      l.name,
      l.tops[0]!,
      x,
      s[1]!,
      E,
      H,
      typeof scaleV === 'number' ? scaleV : 1 / Math.sqrt(E / H),
      w,
    ),
  );
}

export const sequenceLayers: NcnnLayerTable = {
  LSTM: importLSTM,
  GRU: importLSTM,
  RNN: importLSTM,
  MultiHeadAttention: importMultiHeadAttention,
};
