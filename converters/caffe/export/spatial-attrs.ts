/** The spatial attributes of an ONNX Conv/ConvTranspose/pool node, per axis, with auto_pad resolved. */
import type { Node } from '../../../src/ir/node.js';
import { CaffeRefusal, staticDims } from './write-context.js';
import type { AxisSpec } from './pad-plan.js';

export function spatialAxes(n: Node, kernel: number[], options: { transposed?: boolean } = {}): AxisSpec[] {
  const x = staticDims(n.inputs[0]);
  const y = staticDims(n.outputs[0]);
  if (x.length !== 4)
    throw new CaffeRefusal(`${x.length}-D input: Caffe's ${n.op} layer is written for 4-D (N,C,H,W) blobs`);
  const strides = n.ints('strides') ?? [1, 1];
  const dil = n.ints('dilations') ?? [1, 1];
  const pads = n.ints('pads') ?? [0, 0, 0, 0];
  const auto = n.str('auto_pad', 'NOTSET');
  return [0, 1].map((i) => {
    const k = (kernel[i]! - 1) * dil[i]! + 1;
    const spec: AxisSpec = {
      size: x[2 + i]!,
      kernel: k,
      stride: strides[i]!,
      padBegin: pads[i]!,
      padEnd: pads[i + 2]!,
      out: y[2 + i]!,
    };
    if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
      const total = options.transposed
        ? Math.max(0, spec.stride * (spec.size - 1) + k - spec.out)
        : Math.max(0, (spec.out - 1) * spec.stride + k - spec.size);
      spec.padBegin = auto === 'SAME_UPPER' ? Math.floor(total / 2) : Math.ceil(total / 2);
      spec.padEnd = total - spec.padBegin;
    } else if (auto === 'VALID') {
      spec.padBegin = 0;
      spec.padEnd = 0;
    }
    return spec;
  });
}

/** Caffe params for a per-axis pair: one field when equal, `_h`/`_w` otherwise. */
export function pairParams(base: string, [h, w]: number[], options: { omitIf?: number } = {}): Record<string, number> {
  if (h === w) return h === options.omitIf ? {} : { [base === 'kernel' ? 'kernel_size' : base]: h! };
  return { [`${base}_h`]: h!, [`${base}_w`]: w! };
}
