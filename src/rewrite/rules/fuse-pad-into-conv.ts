import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';
import { spatialPadBefore } from '../pad-match.js';

/** A constant-zero Pad of only the spatial axes right before a Conv → the Conv's own (summed) pads. */
export default defineRewrite({
  id: 'fuse-pad-into-conv',
  description: 'zero Pad of spatial axes → the following Conv’s pads',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Conv.html',
  match(conv, ctx) {
    if (!conv || conv.domain || conv.op !== 'Conv' || conv.str('auto_pad', 'NOTSET') !== 'NOTSET') return null;
    const sp = spatialPadBefore(conv, ctx.graph);
    if (!sp || sp.value !== 0) return null;
    const s = sp.begin.length;
    const old = conv.ints('pads') ?? new Array<number>(2 * s).fill(0);
    return { conv, pad: sp.pad, pads: old.map((v, i) => v + (i < s ? sp.begin[i]! : sp.end[i - s]!)) };
  },
  apply({ conv, pad, pads }, ctx) {
    const mid = pad.outputs[0]!;
    ctx.graph.setInput(conv, 0, pad.inputs[0]!);
    conv.attrs.set('pads', attr.ints(pads));
    ctx.graph.removeNode(pad);
    ctx.graph.dropValue(mid);
    return [conv.name];
  },
});
