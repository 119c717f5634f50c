/**
 * LSTM and RNN (BVLC recurrent_layer.cpp): bottoms x [T, N, …] and cont [T, N] (0 restarts a sequence at that step,
 * a reset ONNX's LSTM/RNN cannot express), optional static input; top h [T, N, num_output]. Kept foreign with that shape.
 */
import { foreign } from './foreign.js';
import { param } from './params.js';
import type { CaffeLayerOp, LayerShapeFn } from './types.js';

const hidden: LayerShapeFn = (c, [x]) => [
  x && x.length >= 2 ? [x[0]!, x[1]!, param(c, 'recurrent_param').num('num_output') ?? 0] : null,
];

export const RECURRENT_OPS: CaffeLayerOp[] = [{ types: ['LSTM', 'RNN'], import: foreign, shape: hidden }];
