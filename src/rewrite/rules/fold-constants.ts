import { defineRewrite } from '../define.js';
import { evalNode } from '../../eval/eval-node.js';
import type { Tensor } from '../../ir/tensor.js';
import { transposeBytes } from '../../eval/transpose-bytes.js';

/**
 * Default cap (1 MiB): all folding of one run together may add at most this many bytes to the model (a
 * folded output counts what it adds beyond the constant inputs that die with its node); a single fold may
 * add at most 4 kB (shape glue, small tables). Folding never bloats a model.
 */
export const FOLD_CAP_BYTES = 1 << 20;

/** A node whose inputs are all constants becomes constants (evaluated by src/eval, under a size cap). */
export default defineRewrite({
  id: 'fold-constants',
  description: 'evaluate nodes whose inputs are all constants',
  safety: 'exact',
  source: 'https://onnx.ai/onnx/intro/concepts.html (an ONNX graph is a pure function of its inputs)',
  match(n, ctx) {
    // a foreign layer whose outputs depend only on shapes (Caffe's PriorBox) carries their values already
    if (n?.domain && n.outputs.length && n.outputs.every((o) => o?.meta.value))
      return { n, out: n.outputs.map((o) => o!.meta.value as Tensor), grows: 0 };
    if (!n || n.domain || !n.outputs.some(Boolean) || n.op === 'Shape' || n.op === 'Size') return null;
    if (n.inputs.length === 0 && n.op !== 'Constant') return null;
    const ins = n.inputs.map((v) => (v ? v.data : null));
    if (n.inputs.some((v, i) => v && !ins[i])) return null;
    const perm = n.op === 'Transpose' && ins[0] ? (n.ints('perm') ?? [...ins[0].dims.keys()].reverse()) : null;
    const out =
      perm && ins[0]
        ? [transposeBytes(ins[0], perm)].filter((t): t is NonNullable<typeof t> => !!t)
        : evalNode(n, ins, ctx.opset);
    if (perm && out?.length === 0) return null;
    if (!out) return null;
    const cap = ctx.options.foldCapBytes ?? FOLD_CAP_BYTES;
    // inputs only this node uses disappear with it: folding a Transpose of a 7 MB weight adds nothing
    const freed = n.inputs.reduce(
      (sum, v) =>
        sum + (v?.data && v.consumers.every((c) => c === n) && !ctx.graph.outputs.includes(v) ? v.data.byteLength : 0),
      0,
    );
    const outBytes = out.reduce((sum, t) => sum + t.byteLength, 0);
    const grows = n.op === 'Constant' ? 0 : Math.max(0, outBytes - freed);
    const inBytes = ins.reduce((sum, t) => sum + (t ? t.byteLength : 0), 0);
    // one fold adds at most 4 kB, or (a result no larger than its inputs, e.g. scaled shared anchors) what the run's cap still allows
    if (grows > 4096 && outBytes > inBytes) return null;
    if (grows > 0 && ctx.folded.grownBytes + grows > cap) return null; // and all of them together stay under the cap
    return { n, out, grows };
  },
  apply({ n, out, grows }, ctx) {
    const g = ctx.graph;
    ctx.folded.grownBytes += grows;
    const outs = n.outputs;
    g.removeNode(n);
    outs.forEach((v, i) => {
      if (v) {
        v.data = out[i]!;
        v.dtype = out[i]!.dtype;
        v.shape = [...out[i]!.dims];
        delete v.meta.value;
      }
    });
    return [];
  },
});
