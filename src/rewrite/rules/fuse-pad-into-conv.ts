import { defineRewrite } from '../define.js';
import { attr } from '../../ir/attr.js';
import { knownValue } from '../../shape/infer.js';
import { tensorToNumbers } from '../../ir/typed-data.js';

/** A constant-zero Pad of only the spatial axes right before a Conv → the Conv's own (summed) pads. */
export default defineRewrite({
  id: 'fuse-pad-into-conv',
  description: 'zero Pad of spatial axes → the following Conv’s pads',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__Conv.html',
  match(conv, ctx) {
    if (!conv || conv.domain || conv.op !== 'Conv' || conv.str('auto_pad', 'NOTSET') !== 'NOTSET') return null;
    const pad = conv.inputs[0]?.producer;
    if (!pad || pad.op !== 'Pad' || pad.domain || pad.outputs[0]!.consumers.length !== 1 || ctx.graph.outputs.includes(pad.outputs[0]!)) return null;
    if (pad.str('mode', 'constant') !== 'constant') return null;
    const p = pad.ints('pads') ?? (pad.inputs[1] && knownValue(pad.inputs[1]) ? tensorToNumbers(knownValue(pad.inputs[1])!) : null);
    const value = pad.inputs[2] ? (knownValue(pad.inputs[2]) ? tensorToNumbers(knownValue(pad.inputs[2])!)[0] : null) : pad.float('value', 0);
    if (!p || value !== 0 || pad.inputs[3]) return null;
    const r = p.length / 2;
    if (p[0] || p[1] || p[r] || p[r + 1] || p.some((v) => v < 0)) return null;
    const old = conv.ints('pads') ?? new Array<number>(2 * (r - 2)).fill(0);
    const s = r - 2;
    return { conv, pad, pads: old.map((v, i) => v + (i < s ? p[2 + i]! : p[r + 2 + i - s]!)) };
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
