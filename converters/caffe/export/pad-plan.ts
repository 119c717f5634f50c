/**
 * Caffe's spatial layers take one symmetric pad per axis, and Caffe pooling rounds its output size up
 * (dropping a last window that would start in the padding). An ONNX op with asymmetric pads or floor
 * rounding is written with a Caffe pad whose windows land on the same positions, plus a crop of the
 * windows ONNX does not have; when no such pad exists, or the values would differ, it is refused.
 */

/** One spatial axis of an ONNX op: input size, kernel extent, stride, pads, and its output size. */
export interface AxisSpec {
  size: number;
  kernel: number;
  stride: number;
  padBegin: number;
  padEnd: number;
  out: number;
}
/** The Caffe pad for the axis, and which of its outputs to keep: [lead, lead + out). */
export interface AxisPlan {
  pad: number;
  lead: number;
  caffeOut: number;
}

/** Caffe convolution output size. */
export const convOut = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** Caffe pooling output size: rounded up, minus a last window starting in the padding. */
export function poolOut(n: number, k: number, s: number, p: number): number {
  let o = Math.ceil((n + 2 * p - k) / s) + 1;
  if (p > 0 && (o - 1) * s >= n + p) o--;
  return o;
}

/**
 * The smallest Caffe pad ≥ the ONNX begin pad whose windows start on ONNX's positions (shifted by whole
 * strides) and cover all ONNX outputs. `maxPad` bounds it (Caffe pooling needs pad < kernel).
 */
export function planAxis(a: AxisSpec, caffeOut: (p: number) => number, maxPad: number): AxisPlan | string {
  for (let pad = a.padBegin; pad <= maxPad; pad += a.stride) {
    const lead = (pad - a.padBegin) / a.stride;
    const co = caffeOut(pad);
    if (co >= lead + a.out) return { pad, lead, caffeOut: co };
  }
  return `pads [${a.padBegin}, ${a.padEnd}] with kernel ${a.kernel}, stride ${a.stride} on size ${a.size}: no symmetric Caffe pad ≤ ${maxPad} gives the ${a.out} ONNX windows`;
}

/**
 * Average pooling: Caffe divides by the window clipped to [−pad, size + pad), ONNX by the window clipped
 * to the padded input (count_include_pad = 1) or to the real input (0). Equal when no window is clipped
 * differently: no padding at all, or every kept window lies inside both padded extents.
 */
export function planAveragePool(a: AxisSpec, countIncludePad: boolean): AxisPlan | string {
  const co = poolOut(a.size, a.kernel, a.stride, a.padBegin);
  if (co < a.out) return `average pool: Caffe gives ${co} windows where ONNX has ${a.out}`;
  const plan = { pad: a.padBegin, lead: 0, caffeOut: co };
  // no padding and count_include_pad = 0: both divide by the real elements of each window
  if (a.padBegin === 0 && !countIncludePad) return plan;
  // every kept window whole inside both padded extents: both divide by the kernel size
  const lastEnd = (a.out - 1) * a.stride - a.padBegin + a.kernel;
  if ((countIncludePad || a.padBegin === 0) && lastEnd <= a.size + Math.min(a.padBegin, a.padEnd)) return plan;
  return `average pool with pads [${a.padBegin}, ${a.padEnd}]${countIncludePad ? '' : ' and count_include_pad = 0'}: Caffe's divisor counts the padding differently at the border`;
}

/**
 * Transposed convolution: Caffe's output is the full one, s·(n−1) + k, less its pad at both ends; ONNX's
 * starts at padBegin and may reach output_padding past the end, where Caffe has nothing.
 */
export function planDeconvAxis(a: AxisSpec, outputPadding: number): AxisPlan | string {
  if (outputPadding > a.padEnd)
    return `output_padding ${outputPadding} reaches past the full output, which Caffe's Deconvolution does not write`;
  // output_padding adds rows at the end: what is cut there is pads_end − output_padding
  const pad = Math.min(a.padBegin, a.padEnd - outputPadding);
  return { pad, lead: a.padBegin - pad, caffeOut: a.stride * (a.size - 1) + a.kernel - 2 * pad };
}
