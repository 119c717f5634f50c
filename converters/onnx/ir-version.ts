/**
 * The lowest IR version that can carry a default-domain opset: the release pairing of onnx/helper.py's
 * VERSION_TABLE (https://github.com/onnx/onnx/blob/main/onnx/helper.py), as data (opsets 8–9 take IR 4,
 * as convcheck always wrote them).
 */
const OPSET_CEILING_PER_IR: [maxOpset: number, irVersion: number][] = [
  [7, 3],
  [9, 4],
  [10, 5],
  [11, 6],
  [14, 7],
  [18, 8],
  [20, 9],
  [22, 10],
  [23, 11],
  [24, 12],
];
/** IR version of the newest release (onnx 1.20–1.23: opsets 25–28). */
const NEWEST_IR = 13;

export function minIrVersion(opset: number): number {
  return OPSET_CEILING_PER_IR.find(([max]) => opset <= max)?.[1] ?? NEWEST_IR;
}
