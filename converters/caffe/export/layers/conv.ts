/** Conv → Convolution, ConvTranspose → Deconvolution; pads Caffe cannot express are planned and cropped. */
import type { Node } from '../../../../src/ir/node.js';
import type { Tensor } from '../../../../src/ir/tensor.js';
import { deferredBlob, floatConst, valuesOf } from '../deferred-blob.js';
import {
  blob,
  CaffeRefusal,
  constF32,
  layerName,
  outTop,
  staticDims,
  type LayerFamily,
  type WriteCtx,
} from '../write-context.js';
import { convOut, planAxis, planDeconvAxis, type AxisPlan } from '../pad-plan.js';
import { spatialAxes, pairParams } from '../spatial-attrs.js';
import { cropSpatial, needsCrop } from '../crop.js';

function plans(results: (AxisPlan | string)[]): AxisPlan[] {
  const bad = results.find((r): r is string => typeof r === 'string');
  if (bad) throw new CaffeRefusal(bad);
  return results as AxisPlan[];
}

function weights(n: Node): { w: Tensor; wDims: number[]; b: Float32Array | null } {
  const w = floatConst(n.inputs[1]);
  if (!w) throw new CaffeRefusal('the weights are not a constant: Caffe keeps weights as layer blobs');
  const b = n.inputs[2] ? constF32(n.inputs[2]) : null;
  if (n.inputs[2] && !b) throw new CaffeRefusal('the bias is not a constant');
  return { w, wDims: staticDims(n.inputs[1]), b };
}

function write(n: Node, c: WriteCtx): void {
  const transposed = n.op === 'ConvTranspose';
  const { w, wDims, b } = weights(n);
  const kernel = wDims.slice(2);
  if (kernel.length !== 2) throw new CaffeRefusal(`${kernel.length}-D kernel: written for 2-D convolution`);
  const axes = spatialAxes(n, kernel, { transposed });
  const group = n.int('group', 1);
  const dil = n.ints('dilations') ?? [1, 1];
  const outPad = n.ints('output_padding') ?? [0, 0];
  if (transposed && n.ints('output_shape')) throw new CaffeRefusal('output_shape is given: resolve it to pads first');
  const p = plans(
    axes.map((a, i) =>
      transposed
        ? planDeconvAxis(a, outPad[i]!)
        : planAxis(a, (pad) => convOut(a.size, a.kernel, a.stride, pad), a.padBegin + a.kernel + a.stride),
    ),
  );
  const name = layerName(n, c);
  const outs = axes.map((a) => a.out);
  const crop = needsCrop(p, outs);
  const top = crop ? c.fresh(`${name}_full`) : outTop(n);
  const numOutput = transposed ? wDims[1]! * group : wDims[0]!;
  const blobs = [deferredBlob(wDims, (scratch) => valuesOf(w, scratch))]; // read when the writer reaches it
  if (b) blobs.push(blob([numOutput], b));
  c.emit({
    name,
    type: transposed ? 'Deconvolution' : 'Convolution',
    bottoms: [c.top(n.inputs[0])],
    tops: [top],
    params: {
      convolution_param: {
        num_output: numOutput,
        bias_term: !!b,
        ...pairParams(
          'pad',
          p.map((x) => x.pad),
          { omitIf: 0 },
        ),
        ...pairParams('kernel', kernel),
        ...pairParams(
          'stride',
          axes.map((a) => a.stride),
          { omitIf: 1 },
        ),
        ...(group !== 1 ? { group } : {}),
        ...(dil.some((d) => d !== 1) ? { dilation: dil[0] === dil[1] ? [dil[0]!] : dil } : {}),
      },
    },
    blobs,
  });
  if (crop) cropSpatial(c, name, top, p, outs, outTop(n));
}

export const convFamily: LayerFamily = { ops: ['Conv', 'ConvTranspose'], write };
