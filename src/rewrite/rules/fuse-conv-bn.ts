import { defineRewrite } from '../define.js';
import { Tensor } from '../../ir/tensor.js';
import { tensorToNumbers } from '../../ir/typed-data.js';
import { float32HeadVia, float32Via } from '../../ir/float32-via.js';
import { ReusableBuffer } from '../../io/reusable-buffer.js';

/**
 * Conv → BatchNormalization (inference) with constant parameters: scale the Conv weights and bias,
 * W' = W·s, b' = (b − mean)·s + beta with s = gamma / sqrt(var + eps).
 */
export default defineRewrite({
  id: 'fuse-conv-bn',
  description: 'fold an inference BatchNormalization into the Conv before it',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/operators/onnx__BatchNormalization.html',
  match(bn, ctx) {
    if (!bn || bn.op !== 'BatchNormalization' || bn.domain || bn.outputs.filter(Boolean).length !== 1) return null;
    const x = bn.inputs[0];
    const conv = x?.producer;
    if (!conv || conv.op !== 'Conv' || conv.domain || x!.consumers.length !== 1 || ctx.graph.outputs.includes(x!))
      return null;
    if (bn.int('training_mode', 0)) return null;
    const w = conv.inputs[1]?.data,
      b = conv.inputs[2] ? conv.inputs[2].data : null;
    const p = bn.inputs.slice(1, 5).map((v) => v?.data ?? null);
    if (!w || w.dtype !== 'float32' || p.some((t) => !t || t.dtype !== 'float32') || (conv.inputs[2] && !b))
      return null;
    if (conv.inputs[1]!.consumers.length !== 1) return null;
    return { conv, bn, w, b, p: p as Tensor[] };
  },
  apply({ conv, bn, w, b, p }, ctx) {
    const g = ctx.graph;
    const [gamma, beta, mean, vr] = p.map(tensorToNumbers) as [number[], number[], number[], number[]];
    const eps = bn.float('epsilon', 1e-5);
    const cout = w.dims[0]!;
    const bv = b ? tensorToNumbers(b) : new Array<number>(cout).fill(0);
    const scale = gamma.map((gm, o) => gm / Math.sqrt(vr[o]! + eps));
    const nb = Float32Array.from(scale, (s, o) => (bv[o]! - mean[o]!) * s + beta[o]!);
    const wVal = g.newValue(`${conv.inputs[1]!.name}_bn`);
    // the scaled weights are computed when read (an export streams them), not held beside the originals
    wVal.data = Tensor.fromSource('float32', [...w.dims], {
      byteLength: w.count * 4,
      read: () => scaledRows(w, scale, new ReusableBuffer()),
      readVia: (scratch) => scaledRows(w, scale, scratch),
      readHead: (n, scratch) => scaledRows(w, scale, scratch, Math.floor(n / 4)),
    });
    wVal.dtype = 'float32';
    wVal.shape = [...w.dims];
    const bVal = g.newValue(`${conv.name || 'conv'}_bias_bn`);
    bVal.data = Tensor.fromArray('float32', [cout], nb);
    bVal.dtype = 'float32';
    bVal.shape = [cout];
    const oldW = conv.inputs[1]!,
      oldB = conv.inputs[2];
    g.setInput(conv, 1, wVal);
    g.setInput(conv, 2, bVal);
    g.dropValue(oldW);
    if (oldB) g.dropValue(oldB);
    const convOut = conv.outputs[0]!,
      bnOut = bn.outputs[0]!;
    g.removeNode(bn);
    // the Conv now produces what the BatchNormalization produced
    g.setOutput(conv, 0, bnOut);
    g.dropValue(convOut);
    for (const v of bn.inputs.slice(1)) if (v) g.dropValue(v);
    return [conv.name];
  },
});

/**
 * W·s with one scale per output channel (the rows of W), as float32 bytes in `scratch` (the first `count` values
 * only, for a fingerprint); W stays as it is. W read from disk lands in scratch and is scaled in place there: one
 * buffer, not a read buffer and a result.
 */
function scaledRows(w: Tensor, scale: number[], scratch: ReusableBuffer, count = w.count): Uint8Array {
  const src = count < w.count ? float32HeadVia(w, count, scratch) : float32Via(w, scratch),
    per = w.count / scale.length,
    bytes = scratch.view(count * 4),
    out = new Float32Array(bytes.buffer, bytes.byteOffset, count);
  for (let o = 0; o * per < count; o++) {
    const s = scale[o]!;
    for (let k = o * per, end = Math.min(k + per, count); k < end; k++) out[k] = src[k]! * s;
  }
  return bytes;
}
