/**
 * The layers whose weights and input activation a target quantizes, and the weight axis that carries the output
 * channels (per-channel scales run along it). Gemm's axis depends on transB, so it is named by the attribute.
 */
export interface QuantizableOp {
  /** Input index of the weight. */
  weightInput: number;
  /** Output-channel axis of the weight; `transB` means 0 when transB = 1, else 1. */
  channelAxis: number | 'transB' | 'last';
}

export const QUANTIZABLE_OPS: Readonly<Record<string, QuantizableOp>> = {
  Conv: { weightInput: 1, channelAxis: 0 },
  ConvTranspose: { weightInput: 1, channelAxis: 1 },
  Gemm: { weightInput: 1, channelAxis: 'transB' },
  MatMul: { weightInput: 1, channelAxis: 'last' },
};
