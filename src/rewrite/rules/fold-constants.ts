import { defineRewrite } from '../define.js';
import { evalNode } from '../../eval/eval-node.js';

/**
 * Default cap (1 MiB): all folding of one run together may add at most this many bytes to the model (a
 * folded output larger than its constant inputs counts the difference); a single folded constant may
 * outgrow its inputs only up to 4 kB (shape glue, small tables). Folding never bloats a model.
 */
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
    const grows = n.op === 'Constant' ? 0 : Math.max(0, outBytes - inBytes);
    if (outBytes > cap || (grows > 0 && outBytes > 4096)) return null; // one constant never outgrows its inputs by more than 4 kB
    if (grows > 0 && ctx.folded.grownBytes + grows > cap) return null; // and all of them together stay under the cap
    return { n, out, grows };
  },
  apply({ n, out, grows }, ctx) {
    const g = ctx.graph;
    ctx.folded.grownBytes += grows;
    const outs = n.outputs;
    g.removeNode(n);
    outs.forEach((v, i) => { if (v) { v.data = out[i]!; v.dtype = out[i]!.dtype; v.shape = [...out[i]!.dims]; delete v.meta.value; } });
    return [];
  },
});

