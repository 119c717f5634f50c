import { defineRewrite } from '../define.js';
import { evalNode } from '../../eval/eval-node.js';

/** Default cap: a folded constant may not be larger than this, nor larger than its constant inputs together (folding never bloats a model). */
export const FOLD_CAP_BYTES = 1 << 20;

/** A node whose inputs are all constants becomes constants (evaluated by src/eval, under a size cap). */
export default defineRewrite({
  id: 'fold-constants',
  description: 'evaluate nodes whose inputs are all constants',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/intro/concepts.html (an ONNX graph is a pure function of its inputs)',
  match(n, ctx) {
    if (!n || n.domain || !n.outputs.some(Boolean) || n.op === 'Shape' || n.op === 'Size') return null;
    if (n.inputs.length === 0 && n.op !== 'Constant') return null;
    const ins = n.inputs.map((v) => (v ? v.data : null));
    if (n.inputs.some((v, i) => v && !ins[i])) return null;
    const out = evalNode(n, ins, ctx.opset);
    if (!out) return null;
    const cap = ctx.options.foldCapBytes ?? FOLD_CAP_BYTES;
    const inBytes = ins.reduce((s, t) => s + (t ? t.byteLength : 0), 0);
    const outBytes = out.reduce((s, t) => s + t.byteLength, 0);
    if (outBytes > cap || (outBytes > inBytes && outBytes > 4096 && n.op !== 'Constant')) return null;
    return { n, out };
  },
  apply({ n, out }, ctx) {
    const g = ctx.graph;
    const outs = n.outputs;
    g.removeNode(n);
    outs.forEach((v, i) => { if (v) { v.data = out[i]!; v.dtype = out[i]!.dtype; v.shape = [...out[i]!.dims]; delete v.meta.value; } });
    return [];
  },
});

